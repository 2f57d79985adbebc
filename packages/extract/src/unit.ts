import { reportHeader } from './period.ts';

export type UnitLevel = 'county' | 'city' | 'province';

// 省局/市局/县局, 湖北省气象局, 市X局, **县**局: a level word right before (气象|mask)局.
const BUREAU = /(自治区|省|市|州|盟|县|区|旗)(气象|[*X×]{1,3})?局/g;
const LEVEL_OF: Record<string, UnitLevel> = {
  自治区: 'province',
  省: 'province',
  市: 'city',
  州: 'city',
  盟: 'city',
  县: 'county',
  区: 'county',
  旗: 'county',
};
// Characters that end a place name when reading backwards: prepositions and particles
// (在湖北省气象局的领导下 names the parent bureau, not the author).
const NAME_STOP = new Set('在于和与及对向由的了是关按照据下为将把从至被给经受等年度月日我们全各');
const GOVERNED_BY = new Set('在按根围向受由和与及经');

interface BureauMention {
  level: UnitLevel;
  name: string | null;
  governed: boolean;
}

function* bureauMentions(text: string): Generator<BureauMention> {
  for (const m of text.matchAll(BUREAU)) {
    const levelWord = m[1] ?? '';
    let start = m.index;
    while (start > 0 && start > m.index - 12) {
      const ch = text[start - 1] ?? '';
      if (!/[\u3400-\u9fff*X×]/.test(ch) || NAME_STOP.has(ch)) break;
      start -= 1;
    }
    const before = text[start - 1] ?? '';
    let prefix = text.slice(start, m.index);
    if (prefix.startsWith('中共')) prefix = prefix.slice(2);
    const masked = /[*X×]/.test(prefix) || /[*X×]/.test(m[2] ?? '');
    const name = !masked && prefix.length >= 2 && m[2] === '气象' ? `${prefix}${m[0]}` : null;
    yield { level: LEVEL_OF[levelWord] ?? 'county', name, governed: GOVERNED_BY.has(before) };
  }
}

/**
 * The report's own bureau: the first bureau named as subject in the title or first sentence,
 * else the level named most often. Parent bureaus mentioned as "在…领导下" are passed over.
 */
export function detectUnit(text: string): { level: UnitLevel | null; unitName: string | null } {
  for (const mention of bureauMentions(reportHeader(text))) {
    if (!mention.governed) return { level: mention.level, unitName: mention.name };
  }
  const counts = new Map<UnitLevel, number>();
  let firstName: string | null = null;
  for (const mention of bureauMentions(text)) {
    if (mention.governed) continue;
    counts.set(mention.level, (counts.get(mention.level) ?? 0) + 1);
    firstName ??= mention.name;
  }
  const [best] = [...counts.entries()].sort((a, b) => b[1] - a[1]);
  return best ? { level: best[0], unitName: firstName } : { level: null, unitName: null };
}
