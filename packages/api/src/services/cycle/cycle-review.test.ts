import { describeEachDb, type TestDbContext } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import { createCaller } from '../../root.ts';
import { demoContext } from '../../testing/demo-context.ts';

/**
 * The reporting cycle's open-period edits, its closing, and its races (domain.md §9), as a
 * review found them broken: clearing a figure in an open period, drafts counting after the close,
 * lock orders that deadlocked approval against a save, and periods opened over each other.
 */
/** The open period every case here works in. */
const PERIOD = '2026Q3';
/** The demo's users as callers over the file's database. */
const callersOf = (t: TestDbContext) => async (u: string) => createCaller(await demoContext(t.db(), t.kind, u));

describeEachDb('clearing a figure in an open period', 'demo', (t) => {
  const as = callersOf(t);

  it('clearing an approved figure in an open period is a pending removal that approval carries out', async () => {
    const admin = await as('admin');
    const reporter = await as('reporter');
    const analyst = await as('analyst');
    const change = (period: string, value: number | null, expectedVersion: number | null = null) => ({
      indicatorCode: 'seminar',
      value,
      status: value === null ? ('missing' as const) : ('value' as const),
      expectedVersion,
    });
    const save = async (period: string, value: number | null, extra: object = {}) =>
      reporter.data.saveEntry({
        unitCode: '990101',
        period,
        changes: [change(period, value, (await row(period)).version)],
        underCoarse: 'keep_coarse',
        conflicts: 'replace',
        ...extra,
      } as never);
    const approved = async (period: string) =>
      (
        await t
          .db()
          .selectFrom('facts')
          .select('value')
          .where('unit_code', '=', '990101')
          .where('indicator_code', '=', 'seminar')
          .where('period', '=', period)
          .executeTakeFirst()
      )?.value ?? null;
    const row = async (period: string) =>
      (await reporter.data.entryForm({ unitCode: '990101', period })).rows.find((r) => r.indicatorCode === 'seminar')!;
    // no period covers 2026-07 yet: the figure counts at once
    await save('2026-07', 5);
    expect(await approved('2026-07')).toBe(5);
    await admin.cycle.open({ period: PERIOD, due: '2026-10-10' });

    const cleared = await save('2026-07', null);
    expect([cleared.saved, cleared.drafted, cleared.deleted]).toEqual([true, 1, 0]);
    expect(await approved('2026-07')).toBe(5); // nothing approved changes before approval
    expect(await row('2026-07')).toMatchObject({ value: null, status: 'missing', draft: true, removal: true });
    expect((await save('2026-07', null)).unchanged).toBe(1); // clearing twice is one removal

    // a draft nothing approved is simply taken back: no removal is left behind
    await save('2026-08', 3);
    expect(await row('2026-08')).toMatchObject({ value: 3, draft: true });
    const takenBack = await save('2026-08', null);
    expect([takenBack.drafted, takenBack.deleted]).toEqual([0, 1]);
    expect(await row('2026-08')).toMatchObject({ value: null, status: 'missing', draft: false, removal: false });

    const review = await analyst.cycle.review({ unit: '990101', period: PERIOD });
    expect(review.lines.filter((l) => l.indicator === 'seminar')).toEqual([
      expect.objectContaining({
        period: '2026-07',
        approved: 5,
        draft: null,
        draftStatus: 'missing',
        removal: true,
        changed: true,
      }),
    ]);
    await reporter.cycle.submit({ unit: '990101', period: PERIOD });
    await analyst.cycle.approve({ unit: '990101', period: PERIOD });
    expect(await approved('2026-07')).toBe(null);
    expect(await row('2026-07')).toMatchObject({ value: null, status: 'missing', draft: false, version: null });
    const audit = await t
      .db()
      .selectFrom('fact_audit')
      .select(['old_value', 'new_status', 'changed_by'])
      .where('unit_code', '=', '990101')
      .where('indicator_code', '=', 'seminar')
      .where('period', '=', '2026-07')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ old_value: 5, new_status: null, changed_by: 'analyst' });
  });
});

describeEachDb('replacing a coarse figure in an open period', 'demo', (t) => {
  const as = callersOf(t);

  it("replacing a stored quarter by a month in an open period drafts the quarter's removal", async () => {
    const admin = await as('admin');
    const reporter = await as('reporter');
    const version = async (period: string) =>
      (await reporter.data.entryForm({ unitCode: '990101', period })).rows.find((r) => r.indicatorCode === 'seminar')!
        .version;
    const enter = async (period: string, value: number) =>
      reporter.data.saveEntry({
        unitCode: '990101',
        period,
        changes: [{ indicatorCode: 'seminar', value, status: 'value', expectedVersion: await version(period) }],
        conflicts: 'replace',
        underCoarse: 'keep_coarse',
      } as never);
    // before the period opens: months 1 + 1 + 1 and the quarter 3, in agreement
    for (const month of ['2026-07', '2026-08', '2026-09']) await enter(month, 1);
    await enter(PERIOD, 3);
    await admin.cycle.open({ period: PERIOD, due: '2026-10-10' });
    const saved = await reporter.data.saveEntry({
      unitCode: '990101',
      period: '2026-08',
      changes: [{ indicatorCode: 'seminar', value: 2, status: 'value', expectedVersion: await version('2026-08') }],
      underCoarse: 'replace_coarse',
    } as never);
    expect([saved.saved, saved.drafted, saved.underCoarse.map((u) => u.period)]).toEqual([true, 2, [PERIOD]]);
    const quarter = (await reporter.data.entryForm({ unitCode: '990101', period: PERIOD })).rows.find(
      (r) => r.indicatorCode === 'seminar',
    )!;
    expect(quarter).toMatchObject({ value: null, status: 'missing', draft: true, removal: true });
  });
});

describeEachDb('closing a period with drafts nobody approved', 'demo', (t) => {
  const as = callersOf(t);

  it('drops them in the close: the closed period shows and counts the approved figures only', async () => {
    const admin = await as('admin');
    const leader = await as('leader');
    const reporter = await as('reporter');
    await admin.cycle.open({ period: '2026Q2', due: '2026-07-10' });
    const rank = async () =>
      (
        await leader.analytics.ranking({
          indicator: 'research_reports',
          window: '2026Q2',
          group: 'siblings:990100',
          today: '2026-07-15',
        })
      ).entries.find((e: { unit: string }) => e.unit === '990101') as { value: number | null };
    const approved = (await rank()).value;
    expect(approved).toBe(3);
    await reporter.data.saveEntry({
      unitCode: '990101',
      period: '2026Q2',
      changes: [
        {
          indicatorCode: 'research_reports',
          value: 1,
          status: 'value',
          // the approved quarter's version, as the form shows it
          expectedVersion: (await reporter.data.entryForm({ unitCode: '990101', period: '2026Q2' })).rows.find(
            (r) => r.indicatorCode === 'research_reports',
          )!.version,
        },
      ],
    } as never);
    await admin.cycle.setSettings({ countUnapproved: true });
    expect((await rank()).value).toBe(1); // while open, the province asked to count drafts
    const closed = await admin.cycle.close({ period: '2026Q2' });
    expect(closed.notApproved).toContain('990101');
    expect(closed.droppedDrafts).toEqual([{ unit: '990101', drafts: 1 }]);
    const form = await reporter.data.entryForm({ unitCode: '990101', period: '2026Q2' });
    expect(form.rows.find((r) => r.indicatorCode === 'research_reports')).toMatchObject({ value: 3, draft: false });
    expect((await rank()).value).toBe(3);
    const left = await t.db().selectFrom('fact_drafts').select('period').where('unit_code', '=', '990101').execute();
    expect(left.filter((d) => ['2026-04', '2026-05', '2026-06', '2026Q2'].includes(d.period))).toEqual([]);
    const trail = await reporter.cycle.trail({ unit: '990101', period: '2026Q2' });
    expect(trail.at(-1)).toMatchObject({
      from: 'draft',
      to: 'draft',
      actor: 'admin',
      comment: '报送期关闭，1 条未审核的数据作废',
    });
  });
});

describeEachDb('approving and saving one unit at once', 'demo', (t) => {
  const as = callersOf(t);
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));
  const settle = <T>(p: Promise<T>) =>
    p.then(
      () => 'ok',
      (e: unknown) => `${code(e)} ${String((e as { cause?: unknown }).cause ?? e)}`,
    );
  const save = (c: Awaited<ReturnType<typeof as>>, unitCode: string, value: number) =>
    c.data.saveEntry({
      unitCode,
      period: '2026-07',
      changes: [{ indicatorCode: 'seminar', value, status: 'value', expectedVersion: null }],
      underCoarse: 'keep_coarse',
      conflicts: 'replace',
    } as never);
  /** the unit's approved seminar of July, its drafts left in the period and its task's state */
  const outcome = async (unitCode: string) => {
    const fact = await t
      .db()
      .selectFrom('facts')
      .select('value')
      .where('unit_code', '=', unitCode)
      .where('indicator_code', '=', 'seminar')
      .where('period', '=', '2026-07')
      .executeTakeFirst();
    const drafts = await t.db().selectFrom('fact_drafts').select('period').where('unit_code', '=', unitCode).execute();
    const task = await t
      .db()
      .selectFrom('unit_tasks')
      .select('state')
      .where('unit_code', '=', unitCode)
      .where('period', '=', PERIOD)
      .executeTakeFirstOrThrow();
    return { value: fact?.value ?? null, drafts: drafts.length, state: task.state };
  };

  it('takes the locks in one order: the approval goes through, the save is refused as stale, nothing deadlocks', async () => {
    if (t.kind !== 'postgres') return; // PGlite has one connection: nothing interleaves
    const admin = await as('admin');
    await admin.cycle.open({ period: PERIOD, due: '2026-10-10' });
    const reporter = await as('reporter');
    const analyst = await as('analyst');
    await save(reporter, '990101', 2);
    await reporter.cycle.submit({ unit: '990101', period: PERIOD });
    // T0 holds the task row so both contenders queue up in a known order: the approval first
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const t0 = t
      .db()
      .transaction()
      .execute(async (trx) => {
        await trx
          .selectFrom('unit_tasks')
          .selectAll()
          .where('unit_code', '=', '990101')
          .where('period', '=', PERIOD)
          .forUpdate()
          .execute();
        holding();
        await gate;
      });
    await held;
    const approve = settle(analyst.cycle.approve({ unit: '990101', period: PERIOD }));
    await sleep(400);
    const edit = settle(save(reporter, '990101', 1));
    await sleep(400);
    release();
    await t0;
    const [a, e] = await Promise.all([approve, edit]);
    expect(a).toBe('ok');
    // it waited for the approval and then found an approved figure it had not seen
    expect(e).toMatch(/^CONFLICT .*数据已被他人修改/);
    expect(await outcome('990101')).toEqual({ value: 2, drafts: 0, state: 'approved' });
  });

  it('many rounds of an approval racing a save of the same unit: never a deadlock, always one consistent outcome', async () => {
    if (t.kind !== 'postgres') return;
    const [saver, approver] = [await as('admin'), await as('admin')];
    const counties = (
      await t
        .db()
        .selectFrom('units')
        .select('code')
        .where('province_code', '=', '990000')
        .where('level', '=', 'county')
        .where('active_to', 'is', null)
        .where('code', '<>', '990101') // approved by the test before
        .orderBy('code')
        .limit(24)
        .execute()
    ).map((u) => u.code);
    expect(counties.length).toBeGreaterThanOrEqual(12);
    for (const unit of counties) {
      await save(saver, unit, 2);
      await saver.cycle.submit({ unit, period: PERIOD });
      const [a, e] = await Promise.all([
        settle(approver.cycle.approve({ unit, period: PERIOD })),
        settle(save(saver, unit, 1)),
      ]);
      expect(a).toBe('ok');
      // before the approval: refused by the submitted task; after it: refused as stale
      expect(e).toMatch(/^CONFLICT (.*已提交|.*数据已被他人修改)/);
      expect(await outcome(unit)).toEqual({ value: 2, drafts: 0, state: 'approved' });
    }
  });
});

describeEachDb('opening overlapping periods at once', 'demo', (t) => {
  const as = callersOf(t);

  it('of two admins opening overlapping periods at the same moment exactly one succeeds, round after round', async () => {
    if (t.kind !== 'postgres') return; // PGlite has one connection: nothing interleaves
    const [a, b] = [await as('admin'), await as('admin')];
    // years with no period yet, far from the demo's: each round its own quarter and half
    for (let year = 2001; year <= 2020; year++) {
      const r = await Promise.allSettled([
        a.cycle.open({ period: `${year}Q3`, due: `${year}-10-10` }),
        b.cycle.open({ period: `${year}H2`, due: `${year + 1}-01-10` }),
      ]);
      expect(r.filter((x) => x.status === 'fulfilled')).toHaveLength(1);
      const refused = r.find((x) => x.status === 'rejected')!;
      expect(String(refused.reason)).toMatch(/重叠/);
      const rows = await t
        .db()
        .selectFrom('reporting_periods')
        .select('period')
        .where('province_code', '=', '990000')
        .where('start_month', '>=', year * 12)
        .where('end_month', '<', (year + 1) * 12)
        .execute();
      expect(rows).toHaveLength(1);
    }
  });
});

describeEachDb('two editors of one draft', 'demo', (t) => {
  const as = callersOf(t);
  const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));
  type Caller = Awaited<ReturnType<typeof as>>;
  const row = async (c: Caller, period = '2026-07') =>
    (await c.data.entryForm({ unitCode: '990101', period })).rows.find((r) => r.indicatorCode === 'seminar')!;
  const save = (c: Caller, value: number, expectedVersion: number | null, period = '2026-07') =>
    c.data.saveEntry({
      unitCode: '990101',
      period,
      changes: [{ indicatorCode: 'seminar', value, status: 'value', expectedVersion }],
      underCoarse: 'keep_coarse',
      conflicts: 'replace',
    } as never);
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => 'saved',
      (e: unknown) => `${code(e)} ${(e as Error).message}`,
    );

  it('the second save from the same form state is refused as stale, as on the approved path', async () => {
    const admin = await as('admin');
    const reporter = await as('reporter');
    const analyst = await as('analyst');
    // an approved July figure first, then the period opens over it
    await save(reporter, 5, null);
    const approvedVersion = (await row(reporter)).version!;
    expect(approvedVersion).toBeGreaterThan(0);
    await admin.cycle.open({ period: PERIOD, due: '2026-10-10' });

    const seen = (await row(reporter)).version;
    expect((await row(analyst)).version).toBe(seen);
    expect((await save(reporter, 4, seen)).drafted).toBe(1);
    const drafted = await row(reporter);
    // the draft's own version, above the approved one: the form it replaced is stale now
    expect([drafted.value, drafted.draft, drafted.version]).toEqual([4, true, approvedVersion + 1]);
    expect(await refusal(save(analyst, 3, seen))).toMatch(/^CONFLICT 数据已被他人修改/);
    expect((await row(reporter)).value).toBe(4);

    // the version that came with the draft saves, and moves on
    expect((await save(analyst, 3, drafted.version)).drafted).toBe(1);
    expect(await row(reporter)).toMatchObject({ value: 3, version: approvedVersion + 2 });
    expect(await refusal(save(reporter, 2, drafted.version))).toMatch(/^CONFLICT/);
    // a month nobody has stored: the first draft wins, the second editor (also from nothing) is refused
    expect((await save(reporter, 1, null, '2026-08')).drafted).toBe(1);
    expect(await refusal(save(analyst, 2, null, '2026-08'))).toMatch(/^CONFLICT/);

    // approval gives the fact at least the last draft's version: a form showing an earlier draft stays stale
    await reporter.cycle.submit({ unit: '990101', period: PERIOD });
    await analyst.cycle.approve({ unit: '990101', period: PERIOD });
    const after = await row(reporter);
    expect([after.value, after.draft, after.version]).toEqual([3, false, approvedVersion + 2]);
    expect(await refusal(save(reporter, 2, drafted.version))).toMatch(/^CONFLICT/);
    expect((await save(reporter, 2, after.version)).updated).toBe(1);
  });

  it('two editors saving one draft at the same moment: exactly one wins each round', async () => {
    if (t.kind !== 'postgres') return; // PGlite has one connection: nothing interleaves
    const [a, b] = [await as('admin'), await as('admin')];
    // open since the test before, unless it runs alone
    await a.cycle.open({ period: PERIOD, due: '2026-10-10' }).catch(() => null);
    const draftRow = async () =>
      (await a.data.entryForm({ unitCode: '990102', period: '2026-09' })).rows.find(
        (r) => r.indicatorCode === 'seminar',
      )!;
    const put = (c: Caller, value: number, expectedVersion: number | null) =>
      c.data.saveEntry({
        unitCode: '990102',
        period: '2026-09',
        changes: [{ indicatorCode: 'seminar', value, status: 'value', expectedVersion }],
        underCoarse: 'keep_coarse',
        conflicts: 'replace',
      } as never);
    for (let round = 0; round < 15; round++) {
      const before = await draftRow();
      // both differ from what is stored, so neither save is a no-op
      const [va, vb] = [1, 2, 3, 4].filter((v) => v !== before.value);
      const r = await Promise.all([refusal(put(a, va!, before.version)), refusal(put(b, vb!, before.version))]);
      expect(r.filter((x) => x === 'saved')).toHaveLength(1);
      expect(r.find((x) => x !== 'saved')).toMatch(/^CONFLICT 数据已被他人修改/);
      const now = await draftRow();
      expect([now.draft, now.value, now.version]).toEqual([
        true,
        r[0] === 'saved' ? va : vb,
        (before.version ?? 0) + 1,
      ]);
    }
  });
});

describeEachDb('submitting while the period closes', 'demo', (t) => {
  const as = callersOf(t);

  it('either the submission lands before the close (which then refuses) or the close wins: never a submitted task in a closed period', async () => {
    if (t.kind !== 'postgres') return; // PGlite has one connection: nothing interleaves
    const [admin, closer, reporter] = [await as('admin'), await as('admin'), await as('reporter')];
    for (let year = 2001; year <= 2012; year++) {
      const period = `${year}Q1`;
      await admin.cycle.open({ period, due: `${year}-04-10` });
      await reporter.data.saveEntry({
        unitCode: '990101',
        period: `${year}-02`,
        changes: [{ indicatorCode: 'seminar', value: 1, status: 'value', expectedVersion: null }],
        underCoarse: 'keep_coarse',
        conflicts: 'replace',
      } as never);
      const [s, c] = await Promise.allSettled([
        reporter.cycle.submit({ unit: '990101', period }),
        closer.cycle.close({ period }),
      ]);
      const task = await t
        .db()
        .selectFrom('unit_tasks')
        .innerJoin('reporting_periods', (j) =>
          j
            .onRef('reporting_periods.province_code', '=', 'unit_tasks.province_code')
            .onRef('reporting_periods.period', '=', 'unit_tasks.period'),
        )
        .select(['unit_tasks.state', 'reporting_periods.state as periodState'])
        .where('unit_tasks.unit_code', '=', '990101')
        .where('unit_tasks.period', '=', period)
        .executeTakeFirstOrThrow();
      if (s.status === 'fulfilled') {
        expect(c.status).toBe('rejected');
        expect(String((c as PromiseRejectedResult).reason)).toMatch(/已提交待审核/);
        expect(task).toEqual({ state: 'submitted', periodState: 'open' });
      } else {
        expect(c.status).toBe('fulfilled');
        expect(String(s.reason)).toMatch(/已关闭/);
        expect(task).toEqual({ state: 'draft', periodState: 'closed' });
      }
      // a period left open (submission won) is decided so the next year's can close
      if (task.periodState === 'open') {
        await admin.cycle.approve({ unit: '990101', period });
        await admin.cycle.close({ period });
      }
    }
  });
});

describeEachDb("the reviewer's warnings", 'demo', (t) => {
  const as = callersOf(t);

  it('warn of an implausible figure, a large change and a missing required indicator, in both languages', async () => {
    const admin = await as('admin');
    const reporter = await as('reporter');
    const save = async (value: number) => {
      const row = (await reporter.data.entryForm({ unitCode: '990101', period: '2026-07' })).rows.find(
        (r) => r.indicatorCode === 'seminar',
      )!;
      return reporter.data.saveEntry({
        unitCode: '990101',
        period: '2026-07',
        changes: [{ indicatorCode: 'seminar', value, status: 'value', expectedVersion: row.version }],
        acceptWarnings: true,
      } as never);
    };
    // approved at once (no period covers July yet), then changed in the open period
    await save(2);
    await admin.cycle.open({
      period: PERIOD,
      due: '2026-10-10',
      required: { county: ['seminar', 'party_group_meeting'] },
    });
    await save(7);
    const { warnings } = await (await as('analyst')).cycle.review({ unit: '990101', period: PERIOD });
    // seminar's plausible bound is 60 a year: 60 × 1 / 12 = 5 in a month; 7 ≥ 3 × 2 is a large change
    expect(warnings).toEqual([
      {
        indicator: 'seminar',
        code: 'implausible',
        message: '专题研讨 7次 超出合理范围（2026-07 一般不超过 5次），请核实后确认',
        messageEn: 'Thematic seminars 7 is above the plausible bound (5 for 2026-07); check it and confirm',
      },
      {
        indicator: 'seminar',
        code: 'big_change',
        message: '专题研讨 由 2次 变为 7次，变化较大，请核实',
        messageEn: 'Thematic seminars changes from 2 to 7, a large change: please check it',
      },
      {
        indicator: 'party_group_meeting',
        code: 'missing_required',
        message: '必报指标 党小组会 未填报',
        messageEn: 'Required indicator Party group meetings is not reported',
      },
    ]);
  });
});
