import { describeEachDb } from '@bixue/db/testing';
import { expect, it } from 'vitest';
import { createCaller } from '../root.ts';
import { demoContext } from '../testing/demo-context.ts';

/**
 * The manual-entry form names the task of the reporting period holding its period, so a draft
 * not yet submitted, one awaiting the superior and one returned with a comment are told apart.
 * A county (安平县 990101) enters 2026Q3's months while its city's analyst reviews them.
 */
describeEachDb("the entry form's reporting task", 'demo', (t) => {
  const as = async (username: string) => createCaller(await demoContext(t.db(), t.kind, username));
  const PERIOD = '2026Q3';

  it('says draft, submitted and returned with its comment, as the task moves', async () => {
    const admin = await as('admin');
    const reporter = await as('reporter');
    const analyst = await as('analyst');
    const form = (period = '2026-08') => reporter.data.entryForm({ unitCode: '990101', period });
    const seminar = async () => (await form()).rows.find((r) => r.indicatorCode === 'seminar')!;

    // no period opened: what is saved counts at once, there is no task to show
    expect((await form()).task).toBeNull();
    await admin.cycle.open({ period: PERIOD, due: '2026-10-10' });
    const opened = { period: PERIOD, comment: null, dueDate: '2026-10-10', periodState: 'open' };
    expect((await form()).task).toEqual({ ...opened, state: 'not_started' });
    // the quarter itself is held by the period too; the year straddles it and is not
    expect((await form(PERIOD)).task).toEqual({ ...opened, state: 'not_started' });
    expect((await form('2026')).task).toBeNull();

    await reporter.data.saveEntry({
      unitCode: '990101',
      period: '2026-08',
      changes: [{ indicatorCode: 'seminar', value: 4, status: 'value', expectedVersion: (await seminar()).version }],
      conflicts: 'replace',
      underCoarse: 'keep_coarse',
    });
    expect((await form()).task).toEqual({ ...opened, state: 'draft' });
    expect(await seminar()).toMatchObject({ value: 4, draft: true, removal: false });

    expect((await form()).readOnly).toBeNull();
    await reporter.cycle.submit({ unit: '990101', period: PERIOD });
    expect((await form()).task).toEqual({ ...opened, state: 'submitted' });
    // while the superior reviews it nobody edits it from the form, the superior neither: returning it is how
    for (const who of [reporter, analyst])
      expect((await who.data.entryForm({ unitCode: '990101', period: '2026-08' })).readOnly).toBe('submitted');

    await analyst.cycle.return({ unit: '990101', period: PERIOD, comment: '8月研讨次数请核实' });
    // the superior sees the same task as the unit
    for (const who of [reporter, analyst])
      expect((await who.data.entryForm({ unitCode: '990101', period: '2026-08' })).task).toEqual({
        ...opened,
        state: 'returned',
        comment: '8月研讨次数请核实',
      });
    expect((await form()).readOnly).toBeNull();
    expect(await seminar()).toMatchObject({ value: 4, draft: true });

    // correcting the returned draft: the reason stays in view until the unit submits again
    await reporter.data.saveEntry({
      unitCode: '990101',
      period: '2026-08',
      changes: [{ indicatorCode: 'seminar', value: 3, status: 'value', expectedVersion: (await seminar()).version }],
      conflicts: 'replace',
      underCoarse: 'keep_coarse',
    });
    expect((await form()).task).toEqual({ ...opened, state: 'draft', comment: '8月研讨次数请核实' });
    await reporter.cycle.submit({ unit: '990101', period: PERIOD });
    expect((await form()).task).toEqual({ ...opened, state: 'submitted' });
    await analyst.cycle.approve({ unit: '990101', period: PERIOD });
    expect((await form()).task).toMatchObject({ period: PERIOD, state: 'approved', comment: null });
    expect(await seminar()).toMatchObject({ value: 3, draft: false });
    // approved figures of an open period are still written directly; a closed period takes none from the form
    expect((await form()).readOnly).toBeNull();
    await admin.cycle.close({ period: PERIOD });
    expect((await form()).task).toMatchObject({ state: 'approved', periodState: 'closed' });
    for (const who of [reporter, analyst, admin])
      expect((await who.data.entryForm({ unitCode: '990101', period: '2026-08' })).readOnly).toBe('closed');
    // a unit the caller may read but not write says so, whatever its task
    expect((await (await as('leader')).data.entryForm({ unitCode: '990101', period: '2026-08' })).readOnly).toBe(
      'no_access',
    );
  });
});
