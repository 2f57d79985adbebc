import { OTHER_ORG_SUBJECT, OTHER_ORG_WORD, SELF_SUBJECT } from './lexicon.ts';
import { reportHeader } from './period.ts';
import { DEPARTMENT, organisationAtStart, ownOrganisation } from './unit.ts';

export type Subject = 'self' | 'other';

/** Who the report speaks for: its own organisation as named (区教育工委), and whether it is a branch. */
export interface Reporter {
  /** The organisation as the opening names it; a clause it opens is this unit's, whatever its kind. */
  readonly name: string | null;
  /** A 党支部 or 党总支 reports to a 党委: that committee's figures are a higher body's. */
  readonly isBranch: boolean;
  /** The kind of body the title names (社区, 工委): other reports cite such bodies, this one is one. */
  readonly kinds: readonly string[];
}

/** The reporter of a report, read from its opening. */
export function reporterOf(text: string): Reporter {
  const opening = text.slice(0, 400);
  const branch = opening.search(/党支部|党总支|支部委员会/);
  const committee = opening.search(/党委|党组|工委/);
  const title = reportHeader(text).split('\n').slice(0, -1).join('\n');
  return {
    name: ownOrganisation(text),
    isBranch: branch >= 0 && (committee < 0 || branch < committee),
    kinds: [...title.matchAll(OTHER_ORG_WORD)].map((m) => m[0]),
  };
}

const LEVEL_AT_START = /^.{0,2}[省市县区州盟旗]/;
/** A committee above a branch, as a clause's subject: 学院党委, 校党委, 集团党委, 上级党委. */
const HIGHER_COMMITTEE = /^[^，。]{0,6}?(?:学院|学校|校|院|集团|公司|上级)党委/;
/** The whole area's or system's totals: 全市法院系统, 全区教育系统, 全系统. */
export const SYSTEM_TOTAL = /全(?:国|省|市|州|县|区|旗)[^，。；]{0,8}系统|全系统|系统内/;

/** 省局 is how 省气象局 speaks of itself: the same level and a bare 局 or 委 for the full name. */
function sameOrganisation(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length === 2 && short[0] === long[0] && long.endsWith(short[1] ?? '');
}

/** Whose figures a clause gives: a clause without a subject of its own continues the previous one. */
export function subjectOf(clause: string, previous: Subject, reporter: Reporter): Subject {
  if (reporter.name !== null) {
    const at = clause.indexOf(reporter.name);
    // 区委 opens its own clause, but 区委组织部 is another body.
    if (at >= 0 && at <= 4 && !DEPARTMENT.test(clause.slice(at + reporter.name.length))) return 'self';
  }
  const cited = clause.match(OTHER_ORG_SUBJECT)?.[0];
  if (cited !== undefined && !reporter.kinds.some((kind) => cited.endsWith(kind))) return 'other';
  // Another named organisation opening the clause (省人民医院打造党建品牌5个) speaks for itself.
  // Most clauses open with no level word at all; only those may name an organisation.
  const named = reporter.name === null || !LEVEL_AT_START.test(clause) ? null : organisationAtStart(clause);
  if (named !== null && reporter.name !== null && !sameOrganisation(named, reporter.name)) return 'other';
  if (reporter.isBranch && HIGHER_COMMITTEE.test(clause)) return 'other';
  return SELF_SUBJECT.test(clause) ? 'self' : previous;
}
