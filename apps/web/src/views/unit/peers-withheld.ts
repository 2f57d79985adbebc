type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * 样本不足: the API withholds peer median, quartiles and best where fewer than the province's
 * `peer_min_others` units besides the viewer's own have a value (k-anonymity). The card says so
 * rather than leaving the reader a blank band or a zero to misread. One flag per shown line
 * (an indicator, or an indicator's latest window); '' when nothing is withheld.
 */
export function peersWithheldNotice(t: Translate, withheld: readonly boolean[]): string {
  const n = withheld.filter(Boolean).length;
  if (n === 0) return '';
  return n === withheld.length ? t('unitPage.peersWithheld') : t('unitPage.peersWithheldSome', { n });
}
