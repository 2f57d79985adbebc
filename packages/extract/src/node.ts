import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { extractReport } from './extract-report.ts';
import { decodeReport } from './read-document.ts';
import { scoreReports, type FileResult, type LabelSet, type ScoreReport } from './score.ts';

/** Reads and extracts each report file; `file` is the path as given. */
export async function extractFiles(paths: readonly string[]): Promise<FileResult[]> {
  return Promise.all(
    paths.map(async (file) => {
      const text = await decodeReport(new Uint8Array(await readFile(file)), basename(file));
      return { file, ...extractReport(text) };
    }),
  );
}

/** Scores the extractor on a folder holding labels.json and the reports it names. */
export async function scoreDirectory(dir: string): Promise<ScoreReport> {
  return scoreLabelled(JSON.parse(await readFile(join(dir, 'labels.json'), 'utf8')) as LabelSet, dir);
}

/** Scores the reports `labels` names, read from `textDir`; the labels may live elsewhere (a corpus kept outside the repository). */
export async function scoreLabelled(labels: LabelSet, textDir: string): Promise<ScoreReport> {
  const results = await extractFiles(labels.reports.map((r) => join(textDir, r.file)));
  return scoreReports(labels, results);
}

/** The corpus split the way it is used: the part the rules were tuned on, and the part held out from tuning. */
export async function scoreCorpus(
  labelsFile: string,
  textDir: string,
): Promise<{ tuned: ScoreReport; heldOut: ScoreReport }> {
  const labels = JSON.parse(await readFile(labelsFile, 'utf8')) as LabelSet;
  const part = (heldOut: boolean) => ({ reports: labels.reports.filter((r) => Boolean(r.heldOut) === heldOut) });
  const [tuned, heldOut] = await Promise.all([scoreLabelled(part(false), textDir), scoreLabelled(part(true), textDir)]);
  return { tuned, heldOut };
}
