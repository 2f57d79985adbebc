type Translate = (key: string, params?: Record<string, unknown>) => string;

/**
 * What a card says of its peers, rather than leaving the reader a blank band or a zero to misread.
 * 没有同级: `peers`, the answer's count of members besides the unit, is 0 (a province in an
 * installation of one), and the API sends no peer statistics. 样本不足: the API withholds peer
 * median, quartiles and best where fewer than the province's `peer_min_others` units besides the
 * viewer's own have a value (k-anonymity); `withheld` holds one flag per shown line (an indicator,
 * or an indicator's latest window). '' when there is nothing to say.
 */
export function peersNotice(t: Translate, peers: number | undefined, withheld: readonly boolean[]): string {
  // alone in the group: nothing is withheld, there is nobody (the API sends no statistics)
  if (peers === 0) return t('unitPage.noPeers');
  const n = withheld.filter(Boolean).length;
  if (n === 0) return '';
  return n === withheld.length ? t('unitPage.peersWithheld') : t('unitPage.peersWithheldSome', { n });
}
