/** Award levels by who gives the honour, from the highest down; the first issuer named wins. */
export const AWARD_ISSUERS: ReadonlyArray<{ indicator: string; issuer: RegExp }> = [
  { indicator: 'awards_national', issuer: /全国|国家级|党中央|中共中央|中央和国家机关|国务院|中组部/ },
  { indicator: 'awards_provincial', issuer: /省部级|省级|省委|省政府|省直机关|自治区党委|中国气象局/ },
  // 省气象局 is a 厅局级 body: its honours are city-level in the catalog's scheme.
  { indicator: 'awards_city', issuer: /市级|厅局级|市委|市政府|市直机关|省气象局|省局|市局/ },
  { indicator: 'awards_county', issuer: /县级|县委|县政府|县直机关|区委|区直机关|区级|县局/ },
];

/** Receiving an honour: 被…评为, 荣获, 获评, 授予. */
export const AWARD_VERB = /被|荣获|获评|获得|获|评为|授予/;
/** What makes it an honour rather than any other 获得 (获得支持). */
export const HONOUR = /先进|优秀|模范|标兵|示范|称号|表彰|荣誉|奖励|记功|嘉奖|红旗|能手|之星/;
/** Counters that count honoured people or bodies (一名同志, 14个党支部). */
export const RECIPIENT_COUNTERS: ReadonlySet<string> = new Set(['名', '个', '人', '项']);

/** Honours of several levels named together: 获得了市、县优秀基层党组织称号 is one of each. */
const LEVEL_LIST = /(?<!全)([省市县区])(?:、|和|及)([省市县区])(?:两级|级)?[^，。；]{0,6}?(?:优秀|先进|模范|示范|标兵)/;
const LEVEL_AWARD: Record<string, string> = {
  省: 'awards_provincial',
  市: 'awards_city',
  县: 'awards_county',
  区: 'awards_county',
};

/** Who gave the honours an earlier clause announces: 安康市委宣传部表彰了…先进单位，市检察院获得… */
const ISSUER_BEFORE = /([^，。；]{2,16})(?:表彰|授予|命名)/;

/**
 * The award indicators a clause about an honour belongs to, by its issuers; none when no issuer
 * is named. `before` is the sentence up to the clause, where the issuer may be named instead.
 */
export function awardLevels(clause: string, before = ''): string[] {
  const verb = clause.search(AWARD_VERB);
  if (verb < 0 || !HONOUR.test(clause)) return [];
  // Only an announcing clause names the issuer (…表彰了…); one honoured itself (…被…授予) does not.
  const announcing =
    before
      .split(/[，,；;]/)
      .filter((c) => c.trim().length > 0)
      .pop() ?? '';
  const issuer = /被/.test(announcing) ? '' : (announcing.match(ISSUER_BEFORE)?.[1] ?? '');
  const afterVerbStart = clause.slice(Math.max(0, verb)) + issuer;
  const listed = afterVerbStart.match(LEVEL_LIST);
  if (listed)
    return [...new Set([LEVEL_AWARD[listed[1] ?? ''], LEVEL_AWARD[listed[2] ?? '']])].filter((a) => a !== undefined);
  for (const { indicator, issuer } of AWARD_ISSUERS) {
    if (issuer.test(afterVerbStart)) return [indicator];
  }
  return [];
}
