import { INDICATOR_CATALOG, matrixBaseCodes, shownDecimals } from '@bixue/domain';
import { expect, it } from 'vitest';
import { describeEachDb } from '../testing/index.ts';
import { analyticsMatrixWithProvenance, type MatrixQuery } from './matrix-sql.ts';
import { factProvenance, factProvenanceOfWindows } from './provenance-sql.ts';

const Y = 2025 * 12;
/** Q1, Q2 (whose start and end also make the half year H1, not asked for), Q2 again, and Jan–Feb (year to date) */
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

  it('is read by the analytics matrix with its cells, for the units asked and the base indicators', async () => {
    const query = (windows: typeof WINDOWS): MatrixQuery => ({
      units: [...UNITS, '990102'],
      // 整改完成率 brings its parts, 查摆问题 and 完成整改, into the base indicators
      indicators: [...INDICATORS, 'rectification_rate'].map((code) => {
        const i = INDICATOR_CATALOG.find((x) => x.code === code)!;
        return {
          code,
          formula: i.formula,
          direction: i.direction,
          perMember: false,
          decimals: shownDecimals(i.unit, false),
        };
      }),
      windows: windows.map((w) => ({ ...w, year: Math.floor(w.startMonth / 12) })),
    });
    const standard = query(WINDOWS.slice(0, 3));
    const base = matrixBaseCodes(standard);
    expect(base).toEqual(expect.arrayContaining(['issues_found', 'issues_closed', ...INDICATORS]));
    // one of the matrix's units twice, one left out
    const read = await analyticsMatrixWithProvenance(db(), standard, {
      units: [UNITS[1]!, UNITS[0]!, UNITS[1]!],
      windows: [0, 1, 2],
    });
    const alone = await factProvenanceOfWindows(db(), UNITS, base, WINDOWS.slice(0, 3));
    expect(read.provenance).toHaveLength(3);
    for (const [i, rows] of read.provenance!.entries()) {
      expect(sorted(rows)).toEqual(sorted(alone[i]!));
      expect(rows.length).toBeGreaterThanOrEqual(2 * 5);
    }
    expect((await analyticsMatrixWithProvenance(db(), standard, { units: [], windows: [0] })).provenance).toEqual([
      [],
      [],
      [],
    ]);
    // only the windows asked for: Q2 (twice in the query), not Q1
    const second = await analyticsMatrixWithProvenance(db(), standard, { units: UNITS, windows: [1] });
    expect(second.provenance![0]).toEqual([]);
    expect(sorted(second.provenance![1]!)).toEqual(sorted(alone[1]!));
    expect(second.provenance![2]).toEqual([]);
    // Feb–Mar has no roll-ups: the matrix computes from facts and leaves provenance to the caller
    const febMar = { startMonth: Y + 1, endMonth: Y + 2 };
    expect(
      (await analyticsMatrixWithProvenance(db(), query([WINDOWS[0]!, febMar]), { units: UNITS, windows: [0] }))
        .provenance,
    ).toBeNull();
  });

  it('asks nothing for no units', async () => {
    expect(await factProvenanceOfWindows(db(), [], INDICATORS, WINDOWS)).toEqual([[], [], [], []]);
  });
});
