import { expect, it } from 'vitest';
import { describeEachDb } from '../testing/index.ts';
import { factProvenance, factProvenanceOfWindows } from './provenance-sql.ts';

const Y = 2025 * 12;
/** Q1, Q2 (whose start and end also make the half year H1, not asked for), Q2 again, and Jan–Feb (not a roll-up window) */
const WINDOWS = [
  { startMonth: Y, endMonth: Y + 2 },
  { startMonth: Y + 3, endMonth: Y + 5 },
  { startMonth: Y + 3, endMonth: Y + 5 },
  { startMonth: Y, endMonth: Y + 1 },
];
const UNITS = ['990101', '990106'];
const INDICATORS = ['party_lecture', 'members_congress', 'theme_party_day'];

const sorted = <T extends { unit_code: string; indicator_code: string }>(rows: T[]) =>
  [...rows].sort((a, b) => `${a.unit_code}|${a.indicator_code}`.localeCompare(`${b.unit_code}|${b.indicator_code}`));

describeEachDb('provenance of several windows at once', 'demo', ({ db }) => {
  it('gives each window what factProvenance gives it alone', async () => {
    const together = await factProvenanceOfWindows(db(), UNITS, INDICATORS, WINDOWS);
    expect(together).toHaveLength(4);
    for (const [i, w] of WINDOWS.entries()) {
      const alone = await factProvenance(db(), UNITS, INDICATORS, w.startMonth, w.endMonth);
      // two units × three indicators, each rolled up in both quarters
      if (i < 3) expect(alone).toHaveLength(6);
      expect(sorted(together[i]!)).toEqual(sorted(alone));
    }
    expect(new Set(together.flat().map((p) => p.source))).toEqual(new Set(['demo']));
  });

  it('asks nothing for no units', async () => {
    expect(await factProvenanceOfWindows(db(), [], INDICATORS, WINDOWS)).toEqual([[], [], [], []]);
  });
});
