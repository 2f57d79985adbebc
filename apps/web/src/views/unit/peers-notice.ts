type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * 没有同级: a unit alone in its comparison group (a province in an installation of one) has no
 * peers at all, and the API sends no peer statistics. 样本不足: the API withholds peer median, quartiles and best where fewer than the province's
 * `peer_min_others` units besides the viewer's own have a value (k-anonymity). The card says so
 * rather than leaving the reader a blank band or a zero to misread. `peers`: the answer's count of
 * members besides the unit. One flag per shown line
 * (an indicator, or an indicator's latest window); '' when nothing is withheld.
 */
export function peersNotice(t: Translate, peers: number | undefined, withheld: readonly boolean[]): string {
  // alone in the group: nothing is withheld, there is nobody (the API sends no statistics)
  if (peers === 0) return t('unitPage.noPeers');
  const n = withheld.filter(Boolean).length;
  if (n === 0) return '';
  return n === withheld.length ? t('unitPage.peersWithheld') : t('unitPage.peersWithheldSome', { n });
}
