import type { ExtractResult } from './types.ts';

/** One report's expected reading, as in reports/labels.json. */
export interface ReportLabel {
  file: string;
  level?: string | null;
  period: string | null;
  /** Must be found with exactly this value. */
  facts: Record<string, number>;
  /** Stated with a masked figure: must come out as undisclosed. */
  undisclosed: string[];
  /** Ambiguous in the text: any answer, or none, is accepted. */
  ignore: string[];
  /** Where the text was published (corpus labels; the text itself stays outside the repository). */
  source?: string;
  /** Set aside while tuning the extractor, so its score says how the rules do on unseen writing. */
  heldOut?: boolean;
}

export interface LabelSet {
  about?: string;
  reports: ReportLabel[];
}

export type FileResult = ExtractResult & { file: string };

export interface Counts {
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface FileScore extends Counts {
  file: string;
  period: { expected: string | null; actual: string | null; correct: boolean };
  level: { expected: string | null; actual: string | null; correct: boolean } | null;
  /** What went wrong, one line each: missed, wrong value, extra. */
  problems: string[];
}

export interface ScoreReport {
  files: FileScore[];
  overall: Counts & { periodAccuracy: number; levelAccuracy: number | null; reports: number };
}

function counts(tp: number, fp: number, fn: number): Counts {
  // Claiming nothing where nothing is expected is perfect, not undefined.
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

const baseName = (file: string) => file.split(/[\\/]/).pop() ?? file;
const show = (f: { status: string; value: number | null } | undefined) =>
  f === undefined ? 'nothing' : f.status === 'undisclosed' ? 'undisclosed' : String(f.value);

function scoreFile(label: ReportLabel, result: FileResult | undefined): FileScore {
  const facts = new Map((result?.facts ?? []).map((f) => [f.indicator, f]));
  const ignore = new Set(label.ignore);
  const expected = new Map<string, { status: 'value' | 'undisclosed'; value: number | null }>([
    ...Object.entries(label.facts).map(([k, v]) => [k, { status: 'value' as const, value: v }] as const),
    ...label.undisclosed.map((k) => [k, { status: 'undisclosed' as const, value: null }] as const),
  ]);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const problems: string[] = [];
  for (const [indicator, want] of expected) {
    const got = facts.get(indicator);
    if (got && got.status === want.status && (want.status === 'undisclosed' || got.value === want.value)) {
      tp += 1;
      continue;
    }
    fn += 1;
    if (got) fp += 1;
    problems.push(`${got ? 'wrong' : 'missed'} ${indicator}: got ${show(got)}, want ${show(want)}`);
  }
  for (const [indicator, got] of facts) {
    if (expected.has(indicator) || ignore.has(indicator)) continue;
    fp += 1;
    problems.push(`extra ${indicator}: got ${show(got)}`);
  }
  const actualPeriod = result?.period ?? null;
  const expectedLevel = label.level ?? null;
  return {
    file: label.file,
    ...counts(tp, fp, fn),
    period: { expected: label.period, actual: actualPeriod, correct: actualPeriod === label.period },
    level:
      label.level === undefined
        ? null
        : {
            expected: expectedLevel,
            actual: result?.level ?? null,
            correct: (result?.level ?? null) === expectedLevel,
          },
    problems: result ? problems : ['no result for this file', ...problems],
  };
}

/**
 * Precision, recall and F1 of extracted facts against labels, per file and pooled over all
 * facts; plus how many periods (and levels, where labelled) came out right.
 */
export function scoreReports(labels: LabelSet, results: readonly FileResult[]): ScoreReport {
  const byName = new Map(results.map((r) => [baseName(r.file), r]));
  const files = labels.reports.map((label) => scoreFile(label, byName.get(baseName(label.file))));
  const sum = (k: 'truePositives' | 'falsePositives' | 'falseNegatives') => files.reduce((s, f) => s + f[k], 0);
  const levels = files.flatMap((f) => (f.level ? [f.level.correct] : []));
  return {
    files,
    overall: {
      ...counts(sum('truePositives'), sum('falsePositives'), sum('falseNegatives')),
      periodAccuracy: files.length === 0 ? 1 : files.filter((f) => f.period.correct).length / files.length,
      levelAccuracy: levels.length === 0 ? null : levels.filter(Boolean).length / levels.length,
      reports: files.length,
    },
  };
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** The score as a plain-text table for the terminal. */
export function formatScore(score: ScoreReport): string {
  const lines = ['file                                   P       R       F1      period'];
  for (const f of score.files) {
    const period = f.period.correct
      ? `${f.period.actual ?? 'null'} ✓`
      : `${f.period.actual ?? 'null'} ✗ (want ${f.period.expected ?? 'null'})`;
    lines.push(
      `${f.file.padEnd(38)} ${pct(f.precision).padEnd(7)} ${pct(f.recall).padEnd(7)} ${pct(f.f1).padEnd(7)} ${period}`,
    );
    for (const p of f.problems) lines.push(`    ${p}`);
  }
  const o = score.overall;
  lines.push(
    `overall (${o.reports} reports, tp ${o.truePositives} fp ${o.falsePositives} fn ${o.falseNegatives}): ` +
      `P ${pct(o.precision)} R ${pct(o.recall)} F1 ${pct(o.f1)}, periods ${pct(o.periodAccuracy)}` +
      (o.levelAccuracy === null ? '' : `, levels ${pct(o.levelAccuracy)}`),
  );
  return lines.join('\n');
}
