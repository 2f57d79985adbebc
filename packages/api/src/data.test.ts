import { describeEachDb } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { expect, it, vi } from 'vitest';
import { createCaller } from './root.ts';
import { previewUpload } from './services/import.ts';
import { demoContext } from './testing/demo-context.ts';

const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));
const csv = (lines: string[]) => Buffer.from(`${lines.join('\n')}\n`);

describeEachDb('data entry, import and admin through tRPC', 'demo', ({ db, kind }) => {
  const as = (username: string) => demoContext(db(), kind, username);

  it('refuses a second concurrent writer with CONFLICT and audits the first', async () => {
    const reporter = createCaller(await as('reporter'));
    const analyst = createCaller(await as('analyst'));
    const form = await reporter.data.entryForm({ unitCode: '990101', period: '2025Q3' });
    expect(form.readOnly).toBeNull();
    expect(form.rows).toHaveLength(28);
    const seen = form.rows.find((r) => r.indicatorCode === 'seminar')!;
    // both opened the form and saw the same version
    const change = (value: number) => ({
      unitCode: '990101',
      period: '2025Q3',
      changes: [{ indicatorCode: 'seminar', value, status: 'value' as const, expectedVersion: seen.version }],
    });
    const first = await reporter.data.saveEntry(change(7));
    expect(first.inserted + first.updated).toBe(1);
    const second = await analyst.data.saveEntry(change(9)).catch((e: unknown) => e);
    expect(code(second)).toBe('CONFLICT');
    expect((second as Error).message).toContain('数据已被他人修改');

    const after = await reporter.data.entryForm({ unitCode: '990101', period: '2025Q3' });
    const row = after.rows.find((r) => r.indicatorCode === 'seminar')!;
    expect([row.value, row.source, row.version]).toEqual([7, 'manual', (seen.version ?? 0) + 1]);
    const history = await analyst.data.history({ unitCode: '990101', indicatorCode: 'seminar' });
    const last = history.at(-1)!;
    expect([last.period, last.oldValue, last.newValue, last.source, last.changedBy]).toEqual([
      '2025Q3',
      seen.value,
      7,
      'manual',
      'reporter',
    ]);
    expect(last.batchId).toMatch(/^manual-/);
  });

  it('keeps writers to their scope: leader reads only, reporter own county, analyst own city', async () => {
    const leader = createCaller(await as('leader'));
    const reporter = createCaller(await as('reporter'));
    const save = {
      unitCode: '990102',
      period: '2025Q3',
      changes: [{ indicatorCode: 'seminar', value: 1, status: 'value' as const, expectedVersion: null }],
    };
    expect(code(await leader.data.saveEntry({ ...save, unitCode: '990101' }).catch((e: unknown) => e))).toBe(
      'FORBIDDEN',
    );
    expect(code(await reporter.data.saveEntry(save).catch((e: unknown) => e))).toBe('FORBIDDEN');
    expect(code(await reporter.data.entryForm({ unitCode: '990201', period: '2025' }).catch((e: unknown) => e))).toBe(
      'FORBIDDEN',
    );
    // negative values are refused by the same rule as the importer
    const negative = await reporter.data
      .saveEntry({ ...save, unitCode: '990101', changes: [{ ...save.changes[0]!, value: -2 }] })
      .catch((e: unknown) => e);
    expect([code(negative), (negative as Error).message]).toEqual(['BAD_REQUEST', '专题研讨 不能为负数（-2）']);

    // beyond the plausible bound (seminar: 60 a year, 15 a quarter) is saved only when confirmed
    const shown = (await reporter.data.entryForm({ unitCode: '990101', period: '2024Q3' })).rows.find(
      (r) => r.indicatorCode === 'seminar',
    )!;
    const many = {
      unitCode: '990101',
      period: '2024Q3',
      changes: [{ indicatorCode: 'seminar', value: 16, status: 'value' as const, expectedVersion: shown.version }],
    };
    const warned = await reporter.data.saveEntry(many).catch((e: unknown) => e);
    expect([code(warned), (warned as Error).message]).toEqual([
      'BAD_REQUEST',
      '专题研讨 16次 超出合理范围（2024Q3 一般不超过 15次），请核实后确认',
    ]);
    const saved = await reporter.data.saveEntry({ ...many, acceptWarnings: true });
    expect(saved.inserted + saved.updated).toBe(1);
    // and removed again through the same path, audited
    const removed = await reporter.data.saveEntry({
      ...many,
      changes: [
        { indicatorCode: 'seminar', value: null, status: 'missing', expectedVersion: (shown.version ?? 0) + 1 },
      ],
    });
    expect(removed.deleted).toBe(1);
    const form = await reporter.data.entryForm({ unitCode: '990101', period: '2024Q3' });
    expect(form.rows.find((r) => r.indicatorCode === 'seminar')!.status).toBe('missing');
    const last = (await reporter.data.history({ unitCode: '990101', indicatorCode: 'seminar' })).at(-1)!;
    expect([last.period, last.oldValue, last.newValue, last.newStatus]).toEqual(['2024Q3', 16, null, null]);

    const analystCtx = await as('analyst');
    const preview = await previewUpload(analystCtx, {
      bytes: csv(['unit_code,indicator,period,value', '990102,new_rules,2025,2', '990201,new_rules,2025,2']),
      fileName: 'x.csv',
    });
    // 990201 belongs to another city
    expect(preview.errors.map((e) => [e.row, e.column, e.code])).toEqual([[3, 'unit_code', 'out_of_scope']]);
    await expect(
      previewUpload(await as('leader'), { bytes: csv(['unit_code,indicator,period,value']), fileName: 'x.csv' }),
    ).rejects.toThrow('只能查看');
  });

  it('commits an uploaded file by id with one batch id on every audit row', async () => {
    const ctx = await as('analyst');
    const caller = createCaller(ctx);
    const preview = await previewUpload(ctx, {
      bytes: csv([
        'unit_code,indicator,period,value',
        '990102,research_reports,2024,3',
        '990103,research_reports,2024,*',
      ]),
      fileName: 'reports.csv',
    });
    expect(preview.ok).toBe(true);
    // the demo's finer periods of 2024 sum to other numbers: the person chose to write the year's
    const result = await caller.data.importCommit({ uploadId: preview.uploadId!, conflicts: 'replace' });
    expect(result).toMatchObject({ ok: true, unchanged: 0 });
    expect(result.inserted + result.updated).toBe(2);
    const audits = await db()
      .selectFrom('fact_audit')
      .select(['unit_code', 'new_value', 'new_status', 'batch_id', 'changed_by'])
      .where('batch_id', '=', result.batchId)
      .orderBy('unit_code')
      .execute();
    expect(audits).toEqual([
      { unit_code: '990102', new_value: 3, new_status: 'value', batch_id: result.batchId, changed_by: 'analyst' },
      {
        unit_code: '990103',
        new_value: null,
        new_status: 'undisclosed',
        batch_id: result.batchId,
        changed_by: 'analyst',
      },
    ]);
    expect(await caller.data.importProgress({ uploadId: preview.uploadId! })).toEqual({
      done: 2,
      total: 2,
      state: 'done',
    });
    // another user cannot commit this upload
    const other = createCaller(await as('admin'));
    expect(code(await other.data.importCommit({ uploadId: preview.uploadId! }).catch((e: unknown) => e))).toBe(
      'NOT_FOUND',
    );
    // the same file again: nothing changes
    const again = await previewUpload(ctx, {
      bytes: csv([
        'unit_code,indicator,period,value',
        '990102,research_reports,2024,3',
        '990103,research_reports,2024,*',
      ]),
      fileName: 'reports.csv',
    });
    expect(again.counts).toEqual({ insert: 0, update: 0, unchanged: 2 });
  });

  it('keeps a previewed upload in the database: a restarted (or another) server process commits it, once', async () => {
    const ctx = await as('analyst');
    const file = {
      bytes: csv(['unit_code,indicator,period,value', '990102,research_reports,2023,5']),
      fileName: 'r.csv',
    };
    const preview = await previewUpload(ctx, file);
    expect(preview.ok).toBe(true);
    const stored = await db()
      .selectFrom('pending_uploads')
      .select(['file_name', 'state'])
      .where('id', '=', preview.uploadId!)
      .execute();
    expect(stored).toEqual([{ file_name: 'r.csv', state: 'waiting' }]);
    // a fresh copy of the service module holds nothing in memory, as after a restart
    vi.resetModules();
    const restarted = await import('./services/import.ts');
    expect(await restarted.uploadProgress(ctx, preview.uploadId!)).toEqual({ done: 0, total: 0, state: 'waiting' });
    // two commits of one upload at once: one runs, the other is told it is running
    const [a, b] = await Promise.allSettled([
      restarted.commitUpload(ctx, preview.uploadId!, { conflicts: 'replace' }),
      restarted.commitUpload(ctx, preview.uploadId!, { conflicts: 'replace' }),
    ]);
    const done = [a, b].filter((r) => r.status === 'fulfilled').map((r) => r.value);
    const busy = [a, b].filter((r) => r.status === 'rejected').map((r) => (r.reason as Error).message);
    expect(done).toHaveLength(1);
    expect(done[0]).toMatchObject({ ok: true, inserted: 1, updated: 0, unchanged: 0 });
    expect(busy).toEqual(['这个文件正在导入，请等待完成']);
    expect(await restarted.uploadProgress(ctx, preview.uploadId!)).toEqual({ done: 1, total: 1, state: 'done' });
    // the owner only, in every process
    await expect(restarted.uploadProgress(await as('admin'), preview.uploadId!)).rejects.toThrow('已过期或不存在');
  });

  it('keeps no bytes of a file refused as a whole: it can never be committed', async () => {
    const ctx = await as('analyst');
    const count = async () =>
      (
        await db()
          .selectFrom('pending_uploads')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n;
    const before = Number(await count());
    const preview = await previewUpload(ctx, { bytes: Buffer.from([0xd0, 0xcf, 0x11, 0xe0]), fileName: 'old.xls' });
    expect([preview.ok, preview.uploadId, preview.errors.map((e) => e.code)]).toEqual([false, null, ['legacy_xls']]);
    expect(Number(await count())).toBe(before);
  });

  it('lets only the admin manage targets, settings and peer groups of the own province', async () => {
    const analyst = createCaller(await as('analyst'));
    const admin = createCaller(await as('admin'));
    expect(code(await analyst.admin.targets().catch((e: unknown) => e))).toBe('FORBIDDEN');
    expect(code(await analyst.admin.setAnonymisePeers({ value: true }).catch((e: unknown) => e))).toBe('FORBIDDEN');

    const { id } = await admin.admin.saveTarget({
      indicatorCode: 'seminar',
      level: null,
      unitCode: '990101',
      year: 2026,
      value: 6,
      perCapita: false,
    });
    // saving the same scope again replaces its values in the same row (its id stays)
    await admin.admin.saveTarget({
      indicatorCode: 'seminar',
      level: null,
      unitCode: '990101',
      year: 2026,
      value: 8,
      perCapita: false,
      phasing: { kind: 'annual', dueMonth: 6 },
    });
    const seminar = (await admin.admin.targets()).filter((t) => t.indicatorCode === 'seminar');
    expect(seminar.map((t) => [t.unitCode, t.year, t.value, t.phasing])).toEqual([
      ['990101', 2026, 8, { kind: 'annual', dueMonth: 6 }],
    ]);
    // without a phasing a target takes its indicator's default: 党员大会 quarterly
    await admin.admin.saveTarget({
      indicatorCode: 'members_congress',
      level: 'county',
      unitCode: null,
      year: 2030,
      value: 5,
      perCapita: false,
    });
    expect((await admin.admin.targets()).find((t) => t.year === 2030)?.phasing).toEqual({
      kind: 'quarterly',
      dueMonth: 12,
    });
    expect(
      code(
        await admin.admin
          .saveTarget({
            indicatorCode: 'seminar',
            level: 'county',
            unitCode: null,
            year: null,
            value: 1,
            perCapita: false,
            phasing: { kind: 'annual', dueMonth: 13 },
          })
          .catch((e: unknown) => e),
      ),
    ).toBe('BAD_REQUEST');
    expect(seminar[0]!.id).toBe(id);
    await admin.admin.deleteTarget({ id: seminar[0]!.id });
    expect((await admin.admin.targets()).filter((t) => t.indicatorCode === 'seminar')).toEqual([]);

    expect(code(await admin.admin.setThresholds({ green: 0.8, yellow: 0.9 }).catch((e: unknown) => e))).toBe(
      'BAD_REQUEST',
    );
    const s = await admin.admin.setThresholds({ green: 1, yellow: 0.7 });
    expect(s.status_thresholds).toEqual({ green: 1, yellow: 0.7 });
    expect((await admin.admin.setAnonymisePeers({ value: true })).anonymise_peers).toBe(true);
    expect((await admin.admin.setDataAsOf({ value: '2026-05' })).data_as_of).toBe('2026-05');
    expect((await admin.admin.setDataAsOf({ value: null })).data_as_of).toBeNull();
    expect(
      (await admin.admin.setComposite({ cap: 1.5, indicatorWeights: { seminar: 2 }, categoryWeights: { awards: 0.5 } }))
        .composite.cap,
    ).toBe(1.5);

    const g = await admin.admin.createPeerGroup({ name: '大局', members: ['990100', '990200'] });
    await admin.admin.renamePeerGroup({ id: g.id, name: '大市局' });
    expect(
      code(await admin.admin.setPeerGroupMembers({ id: g.id, members: ['880101'] }).catch((e: unknown) => e)),
    ).toBe('NOT_FOUND');
    await admin.admin.setPeerGroupMembers({ id: g.id, members: ['990100'] });
    const groups = await admin.admin.peerGroups();
    expect(groups.map((x) => [x.name, x.members.length > 0])).toEqual([
      ['大市局', true],
      ['山区县', true],
    ]);
    expect(groups[0]!.members).toEqual(['990100']);
    expect(code(await admin.admin.createPeerGroup({ name: '山区县' }).catch((e: unknown) => e))).toBe('BAD_REQUEST');
    await admin.admin.deletePeerGroup({ id: g.id });
    expect((await admin.admin.peerGroups()).map((x) => x.name)).toEqual(['山区县']);
  });
});
