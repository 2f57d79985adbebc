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
  const labels = JSON.parse(await readFile(join(dir, 'labels.json'), 'utf8')) as LabelSet;
  const results = await extractFiles(labels.reports.map((r) => join(dir, r.file)));
  return scoreReports(labels, results);
}
