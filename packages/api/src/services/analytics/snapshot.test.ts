import { type FactInput, upsertUnits, writeFacts } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { OPERATOR } from '../../context.ts';
import { createCaller } from '../../root.ts';

/** January 2024 of one county: the writer's k-th write sets it to k. */
const january = (value: number): FactInput => ({
  unitCode: '860101',
  indicatorCode: 'party_lecture',
  period: '2024-01',
  value,
  status: 'value',
});
/** February stays 1000 throughout, so the 2024 roll-up after the k-th write is k + 1000. */
const FEBRUARY: FactInput = { ...january(1000), period: '2024-02' };

const WRITES = 60;
const READERS = 4;

describeEachDb('an answer names the data version it was drawn from', 'catalog', (t) => {
  /** the data version each write produced → the 2024 roll-up it left */
  const rollupAt = new Map<number, number>();

  beforeAll(async () => {
    await upsertUnits(t.db(), [
      { code: '860000', name: '竞态省气象局', level: 'province', parent_code: null },
      { code: '860100', name: '竞态市气象局', level: 'city', parent_code: '860000' },
      { code: '860101', name: '竞态县气象局', level: 'county', parent_code: '860100' },
    ]);
    const first = await writeFacts(t.db(), [january(0), FEBRUARY], {
      source: 'manual',
      user: 'tester',
      acceptWarnings: true,
    });
    rollupAt.set(first.versions['860000']!, 1000);
  });

  it('reads the version and the facts in one snapshot while a writer raises the version', async () => {
    const api = createCaller({ db: t.db(), dbKind: t.kind, principal: OPERATOR });
    const input = { unit: '860101', indicator: 'party_lecture', window: '2024', today: '2026-07-15' };
    let writing = true;
    const writer = (async () => {
      try {
        for (let k = 1; k <= WRITES; k++) {
          const r = await writeFacts(t.db(), [january(k)], { source: 'manual', user: 'writer', acceptWarnings: true });
          rollupAt.set(r.versions['860000']!, k + 1000);
        }
      } finally {
        writing = false;
      }
    })();
    const seen: { dataVersion: number; value: number | null }[] = [];
    const reader = async () => {
      while (writing) {
        const r = await api.analytics.rollup(input);
        seen.push({ dataVersion: r.dataVersion, value: r.value });
      }
    };
    await Promise.all([writer, ...Array.from({ length: READERS }, reader)]);

    expect(rollupAt.size).toBe(WRITES + 1);
    // the readers saw the data move (else the race was never run)
    expect(new Set(seen.map((s) => s.dataVersion)).size).toBeGreaterThan(WRITES / 10);
    const mislabelled = seen.filter((s) => rollupAt.get(s.dataVersion) !== s.value);
    expect(mislabelled.map((s) => `v${s.dataVersion}: ${s.value} ≠ ${rollupAt.get(s.dataVersion)}`)).toEqual([]);
    // and asked again at the version it named, an answer gives the same data
    const last = Math.max(...rollupAt.keys());
    expect(await api.analytics.rollup(input)).toMatchObject({
      dataVersion: last,
      value: 1000 + WRITES,
    });
    for (const s of seen.slice(0, 10)) {
      const again = await api.analytics.rollup({ ...input, version: s.dataVersion });
      expect(again).toMatchObject(s);
    }
  }, 120_000);
});
