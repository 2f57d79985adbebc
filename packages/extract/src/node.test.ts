import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatScore } from './score.ts';
import { extractFiles, scoreDirectory } from './node.ts';

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = resolve(packageDir, '../..');
const fixtures = join(packageDir, 'fixtures');
const sharedReports = resolve(repoRoot, '../shared/reports');

describe('scoreDirectory', () => {
  it('reaches F1 ≥ 0.95 on the package fixtures, with every period right', async () => {
    const score = await scoreDirectory(fixtures);
    expect(score.overall.reports).toBeGreaterThanOrEqual(10);
    expect(score.overall.f1, formatScore(score)).toBeGreaterThanOrEqual(0.95);
    expect(score.overall.periodAccuracy, formatScore(score)).toBe(1);
  });

  it.skipIf(!existsSync(join(sharedReports, 'labels.json')))(
    'reaches F1 ≥ 0.97 on the shared sample reports, with every period right',
    async () => {
      const score = await scoreDirectory(sharedReports);
      expect(score.overall.f1, formatScore(score)).toBeGreaterThanOrEqual(0.97);
      expect(score.overall.periodAccuracy, formatScore(score)).toBe(1);
    },
  );
});

describe('extractFiles', () => {
  it('decodes each file by its encoding and keeps the path', async () => {
    const file = join(fixtures, 'encodings/gb18030-report.txt');
    const [result] = await extractFiles([file]);
    expect(result).toMatchObject({ file, period: '2023H1', level: 'county', unitName: '德清县气象局' });
    expect(result!.facts.map((f) => [f.indicator, f.value])).toEqual([
      ['members_congress', 2],
      ['theme_party_day', 6],
    ]);
  });
});
