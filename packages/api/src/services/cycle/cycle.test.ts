import { dataVersion } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { messageEnOf } from '@bixue/domain';
import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import { createCaller } from '../../root.ts';
import { demoContext } from '../../testing/demo-context.ts';
import { OPERATOR } from '../../context.ts';
import { routeWrites } from './route-writes.ts';

const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));
/** A refusal's Chinese and the English beside it: English names a period as its screens do (Q2 2026). */
const said = (e: Error) => [e.message, messageEnOf(e)];
const settle = async <T>(p: Promise<T>) =>
  p.then(
    (v) => ({ ok: true as const, v }),
    (e: unknown) => ({ ok: false as const, e }),
  );

/**
 * A county (安平县 990101) walks through every state of 2026Q2 while its city (云川市 990100)
 * reviews it; then the province closes the period, a late write is refused and an admin corrects.
 */
describeEachDb('the reporting cycle', 'demo', (t) => {
  const db = () => t.db();
  const kind = t.kind;
  const as = async (username: string) => createCaller(await demoContext(db(), kind, username));
  const PERIOD = '2026Q2';
  // the demo stores 2026Q2 研讨 = 0 over the months: a month written under it keeps the quarter counting
  const entry = (value: number, expectedVersion: number | null = null) => ({
    unitCode: '990101',
    period: '2026-05',
    changes: [{ indicatorCode: 'seminar', value, status: 'value' as const, expectedVersion }],
    underCoarse: 'keep_coarse' as const,
  });
  /** the entry carrying the version its form shows now, as the web form sends it back */
  const current = async <E extends ReturnType<typeof entry>>(e: E): Promise<E> => {
    const form = await (await as('admin')).data.entryForm({ unitCode: e.unitCode, period: e.period });
    const shown = (code: string) => form.rows.find((r) => r.indicatorCode === code)!.version;
    return { ...e, changes: e.changes.map((c) => ({ ...c, expectedVersion: shown(c.indicatorCode) })) };
  };
  const stateOf = async (unit: string) =>
    (await (await as('admin')).cycle.board({ period: PERIOD })).rows.find((r) => r.unit === unit)!.state;
  const approvedSeminar = async () =>
    (
      await db()
        .selectFrom('facts')
        .select(['value', 'updated_by'])
        .where('unit_code', '=', '990101')
        .where('indicator_code', '=', 'seminar')
        .where('period', '=', '2026-05')
        .executeTakeFirst()
    )?.value ?? null;

  /** opens a period only for an admin, with a task for every unit of the province */
  const openPeriod = async () => {
    const reporter = await as('reporter');
    expect(code(await reporter.cycle.open({ period: PERIOD, due: '2026-07-10' }).then(unexpected, caught))).toBe(
      'FORBIDDEN',
    );
    const admin = await as('admin');
    expect(
      (await admin.cycle.open({ period: '2026-05', due: '2026-07-10' }).then(unexpected, caught)).message,
    ).toContain('报送期应为季度');
    expect(said(await admin.cycle.open({ period: PERIOD, due: '2026-06-01' }).then(unexpected, caught))).toEqual([
      '截止日期 2026-06-01 早于报告期 2026Q2 结束',
      'The due date 2026-06-01 is before the end of the reporting period Q2 2026',
    ]);
    const opened = await admin.cycle.open({ period: PERIOD, due: '2026-07-10' });
    expect([opened.period, opened.state, opened.due]).toEqual([PERIOD, 'open', '2026-07-10']);
    expect(opened.required.county).toContain('members_congress');
    expect(opened.required.county).not.toContain('rectification_rate');
    const units = await db()
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(opened.total).toBe(Number(units.n));
    expect(opened.counts.not_started).toBe(Number(units.n));
    expect(said(await admin.cycle.open({ period: '2026H1', due: '2026-07-10' }).then(unexpected, caught))).toEqual([
      '报送期 2026H1 与已有报送期 2026Q2 重叠',
      'Reporting period H1 2026 overlaps the existing reporting period Q2 2026',
    ]);
    expect(said(await admin.cycle.open({ period: PERIOD, due: '2026-07-10' }).then(unexpected, caught))).toEqual([
      '报送期 2026Q2 已经开启',
      'Reporting period Q2 2026 is already open',
    ]);
    expect(said(await admin.cycle.submit({ unit: '990101', period: '2026Q1' }).then(unexpected, caught))).toEqual([
      '报送期 2026Q1 尚未开启',
      'Reporting period Q1 2026 has not been opened',
    ]);
  };

  /** keeps a draft apart from approved data, visible to the unit and its city */
  const draftApart = async () => {
    const before = await approvedSeminar();
    const reporter = await as('reporter');
    const saved = await reporter.data.saveEntry(await current(entry(4)));
    expect([saved.inserted + saved.updated, saved.drafted]).toEqual([1, 1]);
    expect(await approvedSeminar()).toBe(before);
    expect(await stateOf('990101')).toBe('draft');
    const form = await reporter.data.entryForm({ unitCode: '990101', period: '2026-05' });
    const row = form.rows.find((r) => r.indicatorCode === 'seminar')!;
    expect([row.value, row.draft]).toEqual([4, true]);
    // saving the same figure again changes nothing
    expect((await reporter.data.saveEntry(await current(entry(4)))).unchanged).toBe(1);
    const review = await (await as('analyst')).cycle.review({ unit: '990101', period: PERIOD });
    expect(review.lines).toEqual([
      expect.objectContaining({
        indicator: 'seminar',
        period: '2026-05',
        approved: before,
        draft: 4,
        changed: before !== 4,
      }),
    ]);
  };

  /** counts the draft in rankings only when the province counts unapproved data */
  const draftInRankings = async () => {
    const leader = await as('leader');
    const rank = async () =>
      leader.analytics.ranking({
        indicator: 'research_reports',
        window: PERIOD,
        group: 'siblings:990100',
        today: '2026-07-15',
      });
    const line = (r: Awaited<ReturnType<typeof rank>>) => r.entries.find((e) => e.unit === '990101')!;
    const approved = await rank();
    expect(approved.unapproved).toBe(false);
    // a quarter figure: inside the quarter it wins over any monthly ones, so the draft alone decides
    await (
      await as('reporter')
    ).data.saveEntry(
      await current({
        unitCode: '990101',
        period: PERIOD,
        changes: [{ indicatorCode: 'research_reports', value: 1, status: 'value' as const, expectedVersion: null }],
        underCoarse: 'keep_coarse' as const,
      }),
    );
    expect(line(await rank()).value).toBe(line(approved).value);
    const admin = await as('admin');
    await admin.cycle.setSettings({ countUnapproved: true });
    const withDrafts = await rank();
    expect([withDrafts.unapproved, line(withDrafts).value, line(withDrafts).status]).toEqual([true, 1, 'value']);
    await admin.cycle.setSettings({ countUnapproved: false });
    expect(line(await rank()).value).toBe(line(approved).value);
  };

  /** lets the county submit, the city return with a comment, and the county resubmit */
  const submitReturnResubmit = async () => {
    const reporter = await as('reporter');
    const analyst = await as('analyst');
    expect(code(await analyst.cycle.submit({ unit: '990101', period: PERIOD }).then(unexpected, caught))).toBe(
      'FORBIDDEN',
    );
    expect((await reporter.cycle.submit({ unit: '990101', period: PERIOD })).state).toBe('submitted');
    const locked = await reporter.data.saveEntry(await current(entry(5))).then(unexpected, caught);
    expect([code(locked), locked.message]).toEqual(['CONFLICT', expect.stringContaining('已提交，等待上级审核')]);
    expect(code(await reporter.cycle.approve({ unit: '990101', period: PERIOD }).then(unexpected, caught))).toBe(
      'FORBIDDEN',
    );
    expect(
      (await analyst.cycle.return({ unit: '990101', period: PERIOD, comment: ' ' }).then(unexpected, caught)).message,
    ).toContain('请填写意见');
    const returned = await analyst.cycle.return({ unit: '990101', period: PERIOD, comment: '研讨次数请核实' });
    expect(returned.state).toBe('returned');
    const mine = await reporter.cycle.mine();
    expect(mine.tasks).toEqual([
      expect.objectContaining({ period: PERIOD, state: 'returned', comment: '研讨次数请核实' }),
    ]);
    await reporter.data.saveEntry(await current(entry(3)));
    expect(await stateOf('990101')).toBe('draft');
    expect((await reporter.cycle.submit({ unit: '990101', period: PERIOD })).state).toBe('submitted');
    const trail = await analyst.cycle.trail({ unit: '990101', period: PERIOD });
    expect(trail.map((t) => [t.from, t.to, t.actor, t.comment])).toEqual([
      ['not_started', 'draft', 'reporter', null],
      ['draft', 'submitted', 'reporter', null],
      ['submitted', 'returned', 'analyst', '研讨次数请核实'],
      ['returned', 'draft', 'reporter', null],
      ['draft', 'submitted', 'reporter', null],
    ]);
  };

  /** refuses a leader as reviewer */
  const leaderNotReviewer = async () => {
    const leader = await as('leader');
    expect(code(await leader.cycle.approve({ unit: '990101', period: PERIOD }).then(unexpected, caught))).toBe(
      'FORBIDDEN',
    );
  };

  /** of two reviewers approving at once exactly one wins, and the draft becomes the fact */
  const approveRace = async () => {
    const [a, b] = await Promise.all([
      settle((await as('analyst')).cycle.approve({ unit: '990101', period: PERIOD })),
      settle((await as('admin')).cycle.approve({ unit: '990101', period: PERIOD })),
    ]);
    expect([a.ok, b.ok].filter(Boolean)).toHaveLength(1);
    const loser = [a, b].find((r) => !r.ok)! as { e: Error };
    expect([code(loser.e), ...said(loser.e)]).toEqual([
      'CONFLICT',
      '安平县气象局（990101）2026Q2：已经审核通过',
      'Anping County Meteorological Bureau (990101) Q2 2026: Already approved',
    ]);
    expect(await approvedSeminar()).toBe(3);
    const drafts = await db().selectFrom('fact_drafts').selectAll().where('unit_code', '=', '990101').execute();
    expect(drafts).toEqual([]);
    const audit = await db()
      .selectFrom('fact_audit')
      .select(['new_value', 'source', 'batch_id'])
      .where('unit_code', '=', '990101')
      .where('indicator_code', '=', 'seminar')
      .where('period', '=', '2026-05')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ new_value: 3, source: 'manual', batch_id: 'approve-2026Q2-990101' });
    // approved: later writes count at once, like data outside any period
    const after = await (await as('reporter')).data.saveEntry(await current({ ...entry(3), period: '2026-06' }));
    expect(after.drafted).toBe(0);
  };

  /** of an approval and a return racing, exactly one wins */
  const approveReturnRace = async () => {
    const admin = await as('admin');
    await admin.data.saveEntry(await current({ ...entry(2), unitCode: '990102' }));
    await admin.cycle.submit({ unit: '990102', period: PERIOD });
    const analyst = await as('analyst');
    const results = await Promise.all([
      settle(analyst.cycle.approve({ unit: '990102', period: PERIOD })),
      settle(analyst.cycle.return({ unit: '990102', period: PERIOD, comment: '退回' })),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(['approved', 'returned']).toContain(await stateOf('990102'));
  };

  /** shows the board in scope with overdue flags and a status JSON */
  const board = async () => {
    const analyst = await as('analyst');
    const b = await analyst.cycle.board({ period: PERIOD });
    expect(b.rows.every((r) => r.unit.startsWith('9901'))).toBe(true);
    expect(b.rows.find((r) => r.unit === '990101')).toMatchObject({
      state: 'approved',
      canReview: true,
      canSubmit: false,
    });
    expect(b.rows.find((r) => r.unit === '990100')).toMatchObject({ canReview: false, canSubmit: true });
    const status = await import('./tasks.ts').then((m) =>
      m.cycleStatus(
        { db: db(), dbKind: kind, principal: OPERATOR },
        { province: '990000', period: PERIOD, today: new Date('2026-07-11') },
      ),
    );
    expect(status.find((s) => s.unit === '990101')).toEqual({ unit: '990101', state: 'approved', overdue: false });
    expect(status.find((s) => s.unit === '990103')).toEqual({ unit: '990103', state: 'not_started', overdue: true });
    const early = await import('./tasks.ts').then((m) =>
      m.cycleStatus(
        { db: db(), dbKind: kind, principal: OPERATOR },
        { province: '990000', period: PERIOD, today: new Date('2026-07-01') },
      ),
    );
    expect(early.find((s) => s.unit === '990103')!.overdue).toBe(false);
  };

  /** closes the period, refuses a write into it naming the lock, and takes an admin correction */
  const close = async () => {
    const admin = await as('admin');
    const reporter = await as('reporter');
    expect(code(await reporter.cycle.close({ period: PERIOD }).then(unexpected, caught))).toBe('FORBIDDEN');
    await reporter.data
      .saveEntry(await current({ ...entry(4), unitCode: '990101', period: '2026-04' }))
      .catch(() => null);
    const closed = await admin.cycle.close({ period: PERIOD });
    expect(closed.state).toBe('closed');
    expect(closed.notApproved).toContain('990103');
    const refused = await reporter.data
      .saveEntry(await current({ ...entry(5), period: '2026-06' }))
      .then(unexpected, caught);
    expect([code(refused), ...said(refused)]).toEqual([
      'CONFLICT',
      '报送期 2026Q2 已关闭并锁定：安平县气象局 seminar 2026-06 不能修改；如需更正，请由管理员注明更正原因（--correction "原因"）',
      'Reporting period Q2 2026 is closed and locked: Anping County Meteorological Bureau seminar 2026-06 cannot be changed; to correct it, an administrator must give the reason (--correction "reason")',
    ]);
    expect(await approvedSeminar()).toBe(3);
    expect((await admin.data.saveEntry(await current(entry(1))).then(unexpected, caught)).message).toContain(
      '已关闭并锁定',
    );
    const late = await admin.cycle.approve({ unit: '990103', period: PERIOD }).then(unexpected, caught);
    expect([code(late), ...said(late)]).toEqual([
      'CONFLICT',
      '报送期 2026Q2 已关闭（锁定），不能再审核',
      'Reporting period Q2 2026 is closed (locked): it can no longer be approved',
    ]);
    expect(said(await admin.cycle.close({ period: PERIOD }).then(unexpected, caught))).toEqual([
      '报送期 2026Q2 已经关闭',
      'Reporting period Q2 2026 is already closed',
    ]);
    // opening it again said "already open"; a closed period stays closed
    expect(said(await admin.cycle.open({ period: PERIOD, due: '2026-07-10' }).then(unexpected, caught))).toEqual([
      '报送期 2026Q2 已关闭，不能再次开启；如需修改其数据，请由管理员注明更正原因（--correction "原因"）',
      'Reporting period Q2 2026 is closed and cannot be opened again; to change its data, an administrator must give the reason for a correction (--correction "reason")',
    ]);
    const periods = await admin.cycle.periods({});
    expect(periods[0]).toMatchObject({ period: PERIOD, state: 'closed', closedBy: 'admin' });
  };

  /** writes an admin correction of the closed period with its reason in the audit and a new data version */
  const correction = async () => {
    const before = await dataVersion(db(), '990000');
    const { principal } = await demoContext(db(), kind, 'admin');
    const fix = { unitCode: '990101', indicatorCode: 'seminar', period: '2026-05', value: 2, status: 'value' as const };
    const result = await db()
      .transaction()
      .execute((trx) => routeWrites(trx, principal!, [fix], { source: 'manual', correction: '市局复核更正' }));
    expect(result).toEqual({
      inserted: 0,
      updated: 1,
      deleted: 0,
      unchanged: 0,
      drafted: 0,
      versions: { '990000': before + 1 },
    });
    expect(await approvedSeminar()).toBe(2);
    const last = await db()
      .selectFrom('fact_audit')
      .select(['old_value', 'new_value', 'changed_by', 'reason', 'data_version'])
      .where('unit_code', '=', '990101')
      .where('indicator_code', '=', 'seminar')
      .where('period', '=', '2026-05')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(last).toEqual({
      old_value: 3,
      new_value: 2,
      changed_by: 'admin',
      reason: '市局复核更正',
      data_version: before + 1,
    });
  };

  // one walk-through: each step starts from the task state, drafts and settings the step before left
  it('walk-through: 2026Q2 opened, drafted, counted on request, submitted, returned, approved under races, shown on the board, closed and corrected', async () => {
    await openPeriod();
    await draftApart();
    await draftInRankings();
    await submitReturnResubmit();
    await leaderNotReviewer();
    await approveRace();
    await approveReturnRace();
    await board();
    await close();
    await correction();
  });
});

function unexpected(): never {
  throw new Error('expected the call to fail');
}

/** The error a call failed with (a TRPCError from the caller), for asserting its code and message. */
function caught(e: unknown): Error & { code?: string } {
  return e as Error & { code?: string };
}
