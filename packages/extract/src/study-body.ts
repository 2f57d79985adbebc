/**
 * Who studies in a run of clauses: the leading group's 理论学习中心组 or a branch and its members.
 * A report on the 中心组 says 共组织集体学习8次 of the group's own sessions; 党支部集中学习5次
 * right after 党组中心组专题研讨3次 is the branch's.
 */
export type StudyBody = 'center_group' | 'branch' | null;

const CENTER_GROUP = /中心组/;
const BRANCH = /支部|党员|全体|干部职工|机关/;

/** The body a clause speaks of; a clause naming neither keeps the previous one. */
export function studyBodyOf(clause: string, previous: StudyBody): StudyBody {
  if (CENTER_GROUP.test(clause)) return 'center_group';
  if (BRANCH.test(clause)) return 'branch';
  return previous;
}

/** The body a stretch of text speaks of last: a sentence about the 中心组 carries over to the next. */
export function studyBodyAfter(text: string, previous: StudyBody): StudyBody {
  const center = lastIndex(text, CENTER_GROUP_ALL);
  const branch = lastIndex(text, BRANCH_ALL);
  if (center < 0 && branch < 0) return previous;
  return center > branch ? 'center_group' : 'branch';
}

const CENTER_GROUP_ALL = new RegExp(CENTER_GROUP.source, 'g');
const BRANCH_ALL = new RegExp(BRANCH.source, 'g');
function lastIndex(text: string, pattern: RegExp): number {
  let at = -1;
  for (const m of text.matchAll(pattern)) at = m.index;
  return at;
}

/** Collective study is the center group's own when the group is the one studying. */
export function studiedBy(indicator: string, body: StudyBody): string {
  return indicator === 'collective_study' && body === 'center_group' ? 'center_group_study' : indicator;
}
