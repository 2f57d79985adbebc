import { describeEachDb } from '@bixue/db/testing';
import { expect, it } from 'vitest';
import { createCaller } from '../root.ts';
import { demoContext } from '../testing/demo-context.ts';
import { previewUpload } from './import.ts';

const csv = (lines: string[]) => ({
  bytes: Buffer.from(`unit_code,indicator,period,value\n${lines.join('\n')}\n`),
  fileName: 'facts.csv',
});
const TODAY = '2026-07-15';
const REPORT = '安平县气象局2018年第三季度党建工作总结\n本季度召开党员大会2次。';

/**
 * A coarse fact over finer facts that disagree (domain.md §4): the roll-up takes the coarse one, so
 * writing it changes what is shown though no stored row is updated. 安平县 has no facts before the
 * demo's first year (2019): its 2018 党员大会 are exactly what this test writes.
 */
describeEachDb('coarse facts over finer facts that disagree', 'demo', ({ db, kind }) => {
  const as = (username: string) => demoContext(db(), kind, username);
  const shown = async (window: string) => {
    const r = await createCaller(await as('analyst')).analytics.rollup({
      unit: '990101',
      indicator: 'members_congress',
      window,
      today: TODAY,
    });
    return [r.value, r.status];
  };
  const stored = (period: string) =>
    db()
      .selectFrom('facts')
      .select('value')
      .where('unit_code', '=', '990101')
      .where('indicator_code', '=', 'members_congress')
      .where('period', '=', period)
      .executeTakeFirst();

  it('shows an import’s conflict in the preview and writes it only as the person chooses', async () => {
    const ctx = await as('analyst');
    const api = createCaller(ctx);
    // months of 2018: Jan–Jun 1+0+1+0+1+0 = 3, Jul–Sep 1+1+1 = 3
    const months = [1, 0, 1, 0, 1, 0, 1, 1, 1].map((v, i) => `990101,members_congress,2018-0${i + 1},${v}`);
    const first = await previewUpload(ctx, csv(months));
    expect([first.conflicts, first.counts.insert]).toEqual([[], 9]);
    expect(await api.data.importCommit({ uploadId: first.uploadId })).toMatchObject({ ok: true, inserted: 9 });
    expect(await shown('2018H1')).toEqual([3, 'value']);

    const half = csv(['990101,members_congress,2018H1,5']);
    const preview = await previewUpload(ctx, half);
    expect(preview.counts).toEqual({ insert: 1, update: 0, unchanged: 0 });
    expect(preview.conflicts).toEqual([
      {
        row: 2,
        column: 'value',
        unitCode: '990101',
        indicatorCode: 'members_congress',
        period: '2018H1',
        value: 5,
        finer: {
          value: 3,
          months: 6,
          of: 6,
          periods: ['2018-01', '2018-02', '2018-03', '2018-04', '2018-05', '2018-06'],
        },
      },
    ]);
    // no choice, no write: the confirmation never says 新增 1 while H1 would turn from 3 into 5
    const unchosen = await api.data.importCommit({ uploadId: preview.uploadId });
    expect(unchosen).toMatchObject({ ok: false, inserted: 0, updated: 0, conflictCount: 1, conflictChoice: null });
    expect(await stored('2018H1')).toBeUndefined();

    const kept = await api.data.importCommit({
      uploadId: (await previewUpload(ctx, half)).uploadId,
      conflicts: 'keep_finer',
    });
    expect(kept).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 0, conflictChoice: 'keep_finer' });
    expect(await stored('2018H1')).toBeUndefined();
    expect(await shown('2018H1')).toEqual([3, 'value']);

    const replaced = await api.data.importCommit({
      uploadId: (await previewUpload(ctx, half)).uploadId,
      conflicts: 'replace',
    });
    expect(replaced).toMatchObject({ ok: true, inserted: 1, conflictChoice: 'replace' });
    expect(await shown('2018H1')).toEqual([5, 'value']);
    // the year: H1 5 (the coarse fact wins) + Jul–Sep 3 = 8 over 9 of 12 months
    expect(await shown('2018')).toEqual([8, 'partial']);

    // agreeing or still reachable figures are no conflict: Q4 months absent, 2018 = 8 + anything ≥ 0
    const agreeing = await previewUpload(
      ctx,
      csv(['990101,members_congress,2018Q3,3', '990101,members_congress,2018,9']),
    );
    expect(agreeing.conflicts).toEqual([]);
    // a year below what its halves and months already sum to cannot be true
    const below = await previewUpload(ctx, csv(['990101,members_congress,2018,7']));
    expect(below.conflicts.map((c) => [c.period, c.value, c.finer])).toEqual([
      ['2018', 7, { value: 8, months: 9, of: 12, periods: ['2018H1', '2018-07', '2018-08', '2018-09'] }],
    ]);
  });

  it('asks the same of a confirmed report, storing nothing until the person chooses', async () => {
    const api = createCaller(await as('analyst'));
    const start = REPORT.indexOf('召开党员大会2次');
    const save = (conflicts?: 'keep_finer' | 'replace') =>
      api.reports.save({
        unitCode: '990101',
        period: '2018Q3',
        fileName: 'q3.txt',
        text: REPORT,
        facts: [{ indicator: 'members_congress', status: 'value', value: 2, start, end: start + 8 }],
        ...(conflicts ? { conflicts } : {}),
      });
    const documents = async () =>
      Number(
        (
          await db()
            .selectFrom('documents')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('unit_code', '=', '990101')
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await documents();
    // Jul–Sep were imported above as 1 + 1 + 1 = 3; the report says 2
    const asked = await save();
    expect(asked).toEqual({
      saved: false,
      documentId: null,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      conflicts: [
        {
          unitCode: '990101',
          indicatorCode: 'members_congress',
          period: '2018Q3',
          value: 2,
          finer: { value: 3, months: 3, of: 3, periods: ['2018-07', '2018-08', '2018-09'] },
        },
      ],
    });
    expect(await documents()).toBe(before);

    const kept = await save('keep_finer');
    expect([kept.saved, kept.inserted, kept.updated]).toEqual([true, 0, 0]);
    expect(await shown('2018Q3')).toEqual([3, 'value']);
    const replaced = await save('replace');
    expect([replaced.saved, replaced.inserted]).toEqual([true, 1]);
    expect(await shown('2018Q3')).toEqual([2, 'value']);
    expect(await documents()).toBe(before + 2);
  });
});
