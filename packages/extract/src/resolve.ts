import { INDICATOR_CATALOG } from '@bixue/domain';
import type { Candidate } from './types.ts';

export interface Resolved {
  indicator: string;
  value: number | null;
  sentenceStart: number;
  sentenceEnd: number;
  confidence: number;
}

const CATALOG_ORDER = new Map(INDICATOR_CATALOG.map((i, n) => [i.code, n]));
const AWARD_CODES = new Set(['awards_national', 'awards_provincial', 'awards_city', 'awards_county']);

/**
 * How much a figure looks like the unit's own total. A 其中 share counts against only when its
 * total is in the same sentence; 其中党员大会4次 after 三会一课48次 is still the whole count.
 */
function rank(c: Candidate, all: readonly Candidate[]): number {
  const brokenDown = c.breakdown && all.some((o) => o !== c && !o.breakdown && o.sentenceStart === c.sentenceStart);
  return (
    (c.total ? 2 : 0) -
    (brokenDown ? 3 : 0) -
    (c.subPeriod ? 1 : 0) -
    (c.approx ? 0.5 : 0) +
    (c.value === null ? 0 : 0.25)
  );
}

/** Shares of one sum written in parts within a sentence (班子1条，全体党员5条) become their total. */
export function combineParts(candidates: readonly Candidate[]): Candidate[] {
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    if (c.part === null || c.breakdown) continue;
    const key = `${c.indicator}@${c.sentenceStart}@${c.counter}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const merged = new Set<Candidate>();
  const sums: Candidate[] = [];
  for (const parts of groups.values()) {
    if (parts.length < 2 || new Set(parts.map((p) => p.part)).size < parts.length) continue;
    const first = parts[0]!;
    const masked = parts.some((p) => p.value === null);
    sums.push({
      ...first,
      value: masked ? null : parts.reduce((s, p) => s + (p.value ?? 0), 0),
      total: true,
      part: null,
      approx: parts.some((p) => p.approx),
      confidence: Math.min(...parts.map((p) => p.confidence)) - 0.1,
    });
    for (const p of parts) merged.add(p);
  }
  return [...candidates.filter((c) => !merged.has(c)), ...sums];
}

/**
 * One figure per indicator. The unit's stated total beats parts, breakdowns and monthly mentions;
 * among equals the larger figure (the whole period) wins, with less confidence when figures disagree.
 * Awards are different honours, not repeats, so distinct mentions add up. Where the sentence that
 * gives issues_found says they were all rectified (…5条，完成整改) and no figure is given for
 * issues_closed, it is the same number, with low confidence.
 */
export function resolveCandidates(
  candidates: readonly Candidate[],
  closedSentences: ReadonlySet<number> = new Set(),
): Resolved[] {
  const byIndicator = new Map<string, Candidate[]>();
  for (const c of combineParts(candidates)) byIndicator.set(c.indicator, [...(byIndicator.get(c.indicator) ?? []), c]);

  const resolved: Resolved[] = [];
  for (const [indicator, list] of byIndicator) {
    if (AWARD_CODES.has(indicator)) {
      const first = list[0]!;
      const masked = list.some((c) => c.value === null);
      resolved.push({
        indicator,
        value: masked ? null : list.reduce((s, c) => s + (c.value ?? 0), 0),
        sentenceStart: first.sentenceStart,
        sentenceEnd: first.sentenceEnd,
        confidence: Math.min(...list.map((c) => c.confidence)) - (list.length > 1 ? 0.1 : 0),
      });
      continue;
    }
    const ranks = new Map(list.map((c) => [c, rank(c, list)]));
    const rankOf = (c: Candidate) => ranks.get(c) ?? 0;
    const sorted = [...list].sort((a, b) => rankOf(b) - rankOf(a) || (b.value ?? -1) - (a.value ?? -1));
    const best = sorted[0]!;
    const rivals = sorted.slice(1).filter((c) => c.value !== best.value);
    let confidence = best.confidence;
    if (rivals.length > 0) confidence -= rivals.some((c) => rankOf(c) === rankOf(best)) ? 0.25 : 0.1;
    resolved.push({
      indicator,
      value: best.value,
      sentenceStart: best.sentenceStart,
      sentenceEnd: best.sentenceEnd,
      confidence,
    });
  }
  const found = resolved.find((r) => r.indicator === 'issues_found');
  if (found && found.value !== null && closedSentences.has(found.sentenceStart) && !byIndicator.has('issues_closed')) {
    resolved.push({ ...found, indicator: 'issues_closed', confidence: Math.min(found.confidence, 0.6) });
  }
  return resolved.sort((a, b) => (CATALOG_ORDER.get(a.indicator) ?? 0) - (CATALOG_ORDER.get(b.indicator) ?? 0));
}
