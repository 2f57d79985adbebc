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
  // 安平县's figures for one indicator, as the roll-up shows them and as stored
  const rollup = async (indicator: string, window: string) =>
    createCaller(await as('analyst')).analytics.rollup({ unit: '990101', indicator, window, today: TODAY });
  const storedOf = (indicator: string, period: string) =>
    db()
      .selectFrom('facts')
      .select('value')
      .where('unit_code', '=', '990101')
      .where('indicator_code', '=', indicator)
      .where('period', '=', period)
      .executeTakeFirst();
  /** Writes `lines` by a plain import, for a test to set up the facts it is about. */
  const imported = async (lines: string[]) => {
    const ctx = await as('analyst');
    return createCaller(ctx).data.importCommit({ uploadId: (await previewUpload(ctx, csv(lines))).uploadId! });
  };
  const congressMonths = (values: number[], first = 1) =>
    values.map((v, i) => `990101,members_congress,2018-${String(first + i).padStart(2, '0')},${v}`);
  const shown = async (window: string) => {
    const r = await rollup('members_congress', window);
    return [r.value, r.status];
  };
  const stored = (period: string) => storedOf('members_congress', period);

  it('shows an import’s conflict in the preview and writes it only as the person chooses', async () => {
    const ctx = await as('analyst');
    const api = createCaller(ctx);
    // months of 2018: Jan–Jun 1+0+1+0+1+0 = 3, Jul–Sep 1+1+1 = 3
    const months = congressMonths([1, 0, 1, 0, 1, 0, 1, 1, 1]);
    const first = await previewUpload(ctx, csv(months));
    expect([first.conflicts, first.counts.insert]).toEqual([[], 9]);
    expect(await api.data.importCommit({ uploadId: first.uploadId! })).toMatchObject({ ok: true, inserted: 9 });
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
    const unchosen = await api.data.importCommit({ uploadId: preview.uploadId! });
    expect(unchosen).toMatchObject({ ok: false, inserted: 0, updated: 0, conflictCount: 1, conflictChoice: null });
    expect(await stored('2018H1')).toBeUndefined();

    const kept = await api.data.importCommit({
      uploadId: (await previewUpload(ctx, half)).uploadId!,
      conflicts: 'keep_finer',
    });
    expect(kept).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 0, conflictChoice: 'keep_finer' });
    expect(await stored('2018H1')).toBeUndefined();
    expect(await shown('2018H1')).toEqual([3, 'value']);

    const replaced = await api.data.importCommit({
      uploadId: (await previewUpload(ctx, half)).uploadId!,
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
    // Jul–Sep 1 + 1 + 1 = 3 (as the test above imports them: writing them again changes nothing); the report says 2
    expect(await imported(congressMonths([1, 1, 1], 7))).toMatchObject({ ok: true });
    const before = await documents();
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
      underCoarse: [],
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

  /**
   * The reverse (finer facts written under a stored coarse fact that stays): 党课 of 2018, which the
   * demo leaves empty. The roll-up keeps taking the coarse fact, so the preview names it, says what
   * counts, and the person keeps it or replaces it (removed through the write path).
   */
  const lecture = async (window: string) => {
    const r = await rollup('party_lecture', window);
    return [r.value, r.status, `${r.coverage.months}/${r.coverage.of}`];
  };
  const storedLecture = (period: string) => storedOf('party_lecture', period);

  it('names an import’s months under a stored half that says otherwise, and keeps or replaces it', async () => {
    const ctx = await as('analyst');
    const api = createCaller(ctx);
    // H1 = 5 with Jan–May 1+0+1+0+1 = 3 (5 of 6 months: the June could still bring 2) — no conflict either way
    const first = await previewUpload(
      ctx,
      csv([
        '990101,party_lecture,2018H1,5',
        ...[1, 0, 1, 0, 1].map((v, i) => `990101,party_lecture,2018-0${i + 1},${v}`),
      ]),
    );
    expect([first.conflicts, first.underCoarse, first.counts.insert]).toEqual([[], [], 6]);
    expect(await api.data.importCommit({ uploadId: first.uploadId! })).toMatchObject({ ok: true, inserted: 6 });
    expect(await lecture('2018H1')).toEqual([5, 'value', '6/6']);

    // June = 0: the months now sum to 3 over 6/6, yet H1 keeps counting 5
    const june0 = csv(['990101,party_lecture,2018-06,0']);
    const preview = await previewUpload(ctx, june0);
    expect([preview.counts, preview.conflicts, preview.underCoarseCount]).toEqual([
      { insert: 1, update: 0, unchanged: 0 },
      [],
      1,
    ]);
    expect(preview.underCoarse).toEqual([
      {
        row: 2,
        column: 'value',
        unitCode: '990101',
        indicatorCode: 'party_lecture',
        period: '2018H1',
        value: 5,
        finer: {
          value: 3,
          months: 6,
          of: 6,
          periods: ['2018-01', '2018-02', '2018-03', '2018-04', '2018-05', '2018-06'],
        },
        written: ['2018-06'],
      },
    ]);
    // no choice, no write
    expect(await api.data.importCommit({ uploadId: preview.uploadId! })).toMatchObject({
      ok: false,
      inserted: 0,
      underCoarseCount: 1,
      underCoarseChoice: null,
    });
    expect(await storedLecture('2018-06')).toBeUndefined();

    // keep: June is written, H1 still counts 5 (June itself shows 0)
    const kept = await api.data.importCommit({
      uploadId: (await previewUpload(ctx, june0)).uploadId!,
      underCoarse: 'keep_coarse',
    });
    expect(kept).toMatchObject({ ok: true, inserted: 1, deleted: 0, underCoarseChoice: 'keep_coarse' });
    expect(await lecture('2018H1')).toEqual([5, 'value', '6/6']);
    expect(await lecture('2018-06')).toEqual([0, 'value', '1/1']);
    // the same file again changes nothing and asks nothing
    const again = await previewUpload(ctx, june0);
    expect([again.underCoarse, again.counts]).toEqual([[], { insert: 0, update: 0, unchanged: 1 }]);

    // June = 1 and replace: H1 = 5 is removed, the months count: 1+0+1+0+1+1 = 4 over 6/6
    const replaced = await api.data.importCommit({
      uploadId: (await previewUpload(ctx, csv(['990101,party_lecture,2018-06,1']))).uploadId!,
      underCoarse: 'replace_coarse',
    });
    expect(replaced).toMatchObject({
      ok: true,
      inserted: 0,
      updated: 1,
      deleted: 1,
      underCoarseChoice: 'replace_coarse',
    });
    expect(await storedLecture('2018H1')).toBeUndefined();
    expect(await lecture('2018H1')).toEqual([4, 'value', '6/6']);
    const audit = await db()
      .selectFrom('fact_audit')
      .select(['old_value', 'new_value', 'new_status', 'source'])
      .where('unit_code', '=', '990101')
      .where('indicator_code', '=', 'party_lecture')
      .where('period', '=', '2018H1')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ old_value: 5, new_value: null, new_status: null, source: 'import' });
  });

  it('asks the same of a report for a month under a stored quarter', async () => {
    const ctx = await as('analyst');
    const api = createCaller(ctx);
    expect(await imported(['990101,party_lecture,2018Q3,3'])).toMatchObject({ ok: true });
    const report = (month: number, n: number) => {
      const text = `安平县气象局2018年${month}月党建工作总结\n本月讲党课${n}次。`;
      const start = text.indexOf('讲党课');
      return (underCoarse?: 'keep_coarse' | 'replace_coarse') =>
        api.reports.save({
          unitCode: '990101',
          period: `2018-0${month}`,
          fileName: `${month}.txt`,
          text,
          facts: [{ indicator: 'party_lecture', status: 'value', value: n, start, end: start + 5 }],
          ...(underCoarse ? { underCoarse } : {}),
        });
    };
    // July 4 under Q3 = 3: 4 over 1/3 months already exceeds it
    const july = report(7, 4);
    const asked = await july();
    expect(asked).toEqual({
      saved: false,
      documentId: null,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      conflicts: [],
      underCoarse: [
        {
          unitCode: '990101',
          indicatorCode: 'party_lecture',
          period: '2018Q3',
          value: 3,
          finer: { value: 4, months: 1, of: 3, periods: ['2018-07'] },
          written: ['2018-07'],
        },
      ],
    });
    expect(await storedLecture('2018-07')).toBeUndefined();
    const kept = await july('keep_coarse');
    expect([kept.saved, kept.inserted]).toEqual([true, 1]);
    expect(await lecture('2018Q3')).toEqual([3, 'value', '3/3']);

    // August 2, replacing Q3: July 4 + August 2 = 6 over 2 of 3 months, partial
    const august = await report(8, 2)('replace_coarse');
    expect([
      august.saved,
      august.inserted,
      august.underCoarse.map((u) => [u.period, u.value, u.finer.value, u.written]),
    ]).toEqual([true, 1, [['2018Q3', 3, 6, ['2018-08']]]]);
    expect(await storedLecture('2018Q3')).toBeUndefined();
    expect(await lecture('2018Q3')).toEqual([6, 'partial', '2/3']);
  });
  it('two imports at once, a quarter and the month that completes it: one of them is always asked', async () => {
    const ctx = await as('analyst');
    const api = createCaller(ctx);
    // as on the manual form: Jul + Aug = 1 + 1 stored; Q3 = 2 alone agrees with them, Sep = 1
    // alone completes them, and whichever commits second meets Q3 = 2 over months summing to 3.
    // Both previews are made before either commit, so each commit judges again under its lock.
    for (let year = 2001; year <= 2010; year++) {
      const row = (period: string, value: number) => `990101,members_congress,${period},${value}`;
      await imported([row(`${year}-07`, 1), row(`${year}-08`, 1)]);
      const quarter = await previewUpload(ctx, csv([row(`${year}Q3`, 2)]));
      const month = await previewUpload(ctx, csv([row(`${year}-09`, 1)]));
      expect([quarter.conflicts, month.underCoarse]).toEqual([[], []]);
      const [q, m] = await Promise.all([
        api.data.importCommit({ uploadId: quarter.uploadId! }),
        api.data.importCommit({ uploadId: month.uploadId! }),
      ]);
      expect([q.ok, m.ok].sort(), `${year}`).toEqual([false, true]);
      if (q.ok) expect(m.underCoarse.map((u) => u.period)).toEqual([`${year}Q3`]);
      else expect(q.conflicts.map((c) => c.finer.value)).toEqual([3]);
    }
  }, 120_000);
});
