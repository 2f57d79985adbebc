import ExcelJS from 'exceljs';
import { BASE_INDICATOR_CODES, makePeriod, parsePeriod } from '@bixue/domain';
import { factHistory } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { planImport, type PlanContext } from './plan.ts';
import { readTable } from './read-table.ts';
import { runImport } from './run-import.ts';
import { buildTemplate } from './template.ts';
import { csvOf, FIXTURE_UNITS, seedFixtureUnits, xlsxOf } from './test-fixtures.ts';

const write = (batchId: string) => ({ source: 'import' as const, user: 'tester', batchId });
const brief = (errors: { row: number; column: string; code: string }[]) => errors.map((e) => [e.row, e.column, e.code]);

describeEachDb('spreadsheet import', 'catalog', ({ db }) => {
  let ctx: PlanContext;
  beforeAll(async () => {
    ctx = await seedFixtureUnits(db());
  });

  it('pins every kind of problem in the long form to its row and column', async () => {
    const table = await readTable(
      csvOf([
        'unit_code,indicator,period,value',
        '880101,members_congress,2024,3', // 2 fine
        '889999,members_congress,2024,1', // 3 unknown unit
        '880201,members_congress,2024,1', // 4 a county of the other city: out of scope
        '880101,no_such_thing,2024,1', // 5
        '880101,party_lecture,2024H3,1', // 6 no third half
        '880101,party_lecture,2027,1', // 7 starts after 2026-07-15
        '880101,party_lecture,2024,abc', // 8
        '880101,party_lecture,2024,-1', // 9
        '880101,party_lecture,2024Q1,16', // 10 party_lecture allows 60 a year: 60 × 3/12 = 15 a quarter
        '880101,members_congress,2024,3', // 11 same key as row 2
        '880101,seminar,2024,', // 12 empty value: ignored
        '880101,seminar,2024H1,X', // 13 undisclosed
        '880101,rectification_rate,2024,50', // 14 computed, not imported
        '880101,party_lecture,2024Q2,15', // 15 exactly the quarterly bound: fine
        '880102,党课,2024,"1,234"', // 16 Chinese name accepted; 1234 > 60
      ]),
      'facts.csv',
    );
    const plan = await planImport(db(), table, ctx);
    expect(plan.form).toBe('long');
    expect(brief(plan.errors)).toEqual([
      [3, 'unit_code', 'unknown_unit'],
      [4, 'unit_code', 'out_of_scope'],
      [5, 'indicator', 'unknown_indicator'],
      [6, 'period', 'bad_period'],
      [7, 'period', 'future_period'],
      [8, 'value', 'not_a_number'],
      [9, 'value', 'negative'],
      [11, 'value', 'duplicate_row'],
      [14, 'indicator', 'derived_indicator'],
    ]);
    // beyond the plausible bound is a warning the person may confirm, not an error
    expect(brief(plan.warnings)).toEqual([
      [10, 'value', 'implausible'],
      [16, 'value', 'implausible'],
    ]);
    expect(plan.errors.find((e) => e.row === 11)!.message).toContain('与第2行重复');
    // the other city's county is refused without telling its name
    expect(plan.errors.find((e) => e.row === 4)!.message).toBe('无权填报单位 880201的数据');
    // English pages read every problem in English: the file's cells here are ASCII, so no Chinese at all
    const english = Object.fromEntries([...plan.errors, ...plan.warnings].map((e) => [e.row, e.messageEn]));
    expect(Object.values(english).filter((m) => !m || /\p{Script=Han}/u.test(m))).toEqual([]);
    expect([english[3], english[4], english[7], english[8], english[10], english[11]]).toEqual([
      'no unit has the code 889999',
      'you may not report for unit 880201',
      'period 2027 has not begun and cannot be reported',
      '"abc" is not a number (an undisclosed figure is X or *)',
      'Party lectures 16 is above the plausible bound (15 for Q1 2024); check it and confirm',
      "repeats row 2: 880101 Party members' congress 2024 appears twice in the file",
    ]);
    expect(plan.facts.map((f) => [f.row, f.indicatorCode, f.period, f.value, f.status, f.action])).toEqual([
      [2, 'members_congress', '2024', 3, 'value', 'insert'],
      [10, 'party_lecture', '2024Q1', 16, 'value', 'insert'],
      [13, 'seminar', '2024H1', null, 'undisclosed', 'insert'],
      [15, 'party_lecture', '2024Q2', 15, 'value', 'insert'],
      [16, 'party_lecture', '2024', 1234, 'value', 'insert'],
    ]);
    expect(plan.ignored).toBe(1);
  });

  it('reads the wide template form, its header problems, formulas and merged cells', async () => {
    const bytes = await xlsxOf(
      [
        ['单位代码', '单位名称', '报告期', '党员大会(次)', '党课（次）', '不存在的指标(次)', '整改完成率(%)'],
        ['880101', '子县气象局', '2025H1', 2, 'X', 1, null], // 2
        ['880102', '丑县气象局', '2025H1', '两次', 3, null, null], // 3
        [880102, '丑县气象局', '2025', { formula: 'B1+1', result: 4 }, 2, null, null], // 4: numeric code is fine
        ['880201', '寅县气象局', '2025H1', 1, null, null, null], // 5
        ['880101', '子县气象局', '2025-13', 1, null, null, null], // 6
      ],
      (ws) => ws.mergeCells('E5:E6'),
    );
    const table = await readTable(bytes, 'wide.xlsx');
    const plan = await planImport(db(), table, ctx);
    expect(plan.form).toBe('wide');
    expect(brief(plan.errors)).toEqual([
      [1, '不存在的指标(次)', 'unknown_column'],
      [1, '整改完成率(%)', 'derived_indicator'],
      [3, '党员大会(次)', 'not_a_number'],
      [4, '党员大会(次)', 'formula'],
      [5, '党课（次）', 'merged_cells'],
      [5, '单位代码', 'out_of_scope'],
      [6, '报告期', 'bad_period'],
    ]);
    expect(plan.errors.find((e) => e.code === 'formula')!.message).toContain('D4');
    expect(plan.errors.find((e) => e.code === 'formula')!.messageEn).toBe(
      'D4 is a formula (=B1+1): copy it and “Paste Special → Values” before importing',
    );
    expect(plan.errors.find((e) => e.code === 'merged_cells')!.messageEn).toBe(
      'E5:E6 is a merged cell; an import cannot hold merged cells: unmerge them and fill in every cell',
    );
    expect(plan.facts.map((f) => [f.row, f.column, f.unitCode, f.indicatorCode, f.period, f.value, f.status])).toEqual([
      [2, '党员大会(次)', '880101', 'members_congress', '2025H1', 2, 'value'],
      [2, '党课（次）', '880101', 'party_lecture', '2025H1', null, 'undisclosed'],
      [3, '党课（次）', '880102', 'party_lecture', '2025H1', 3, 'value'],
      [4, '党课（次）', '880102', 'party_lecture', '2025', 2, 'value'],
    ]);
  });

  it('repeats at most 40 characters of the file text in a message', async () => {
    const long = (ch: string) => ch.repeat(60);
    const cut = (ch: string) => `${ch.repeat(40)}…`;
    const longForm = await planImport(
      db(),
      await readTable(
        csvOf([
          'unit_code,indicator,period,value',
          `${long('U')},members_congress,2024,1`,
          `880101,${long('I')},2024,1`,
          `880101,members_congress,${long('P')},1`,
          `880101,members_congress,2024,${long('V')}`,
        ]),
        'long.csv',
      ),
      ctx,
    );
    expect(longForm.errors.map((e) => [e.row, e.code, e.message])).toEqual([
      [2, 'unknown_unit', `单位代码 ${cut('U')} 不存在`],
      [3, 'unknown_indicator', `指标 "${cut('I')}" 不存在`],
      [4, 'bad_period', `报告期 "${cut('P')}" 无法识别：应为 2024、2024H1、2024Q3 或 2024-07`],
      [5, 'not_a_number', `"${cut('V')}" 不是数字（未公开的数请填 X 或 *）`],
    ]);
    // spaces inside a header do not change the indicator it names
    const spaced = `党员大会${' '.repeat(50)}(次)`;
    const wide = await planImport(
      db(),
      await readTable(csvOf([`单位代码,报告期,党员大会(次),${spaced},${long('H')}`, '880101,2024,1,,']), 'wide.csv'),
      ctx,
    );
    expect(wide.errors.map((e) => [e.column, e.code, e.message])).toEqual([
      [spaced, 'duplicate_column', `列 "${spaced.slice(0, 40)}…" 与列 "党员大会(次)" 是同一指标`],
      [long('H'), 'unknown_column', `列 "${cut('H')}" 不是已知指标（应为“指标名称(单位)”，如 党员大会(次)）`],
    ]);
  });

  it('commits all or nothing: one bad row among 10,000 writes nothing', async () => {
    // 2 counties × 5 indicators × 1000 months from 1940-01 on: 10,000 distinct facts
    const lines = ['unit_code,indicator,period,value'];
    const codes = ['members_congress', 'branch_committee', 'party_group_meeting', 'party_lecture', 'theme_party_day'];
    for (let i = 0; lines.length <= 10_000; i++) {
      const unit = i % 2 ? '880101' : '880102';
      const code = codes[Math.floor(i / 2) % codes.length]!;
      const month = Math.floor(i / 10);
      const year = 1940 + Math.floor(month / 12);
      lines.push(`${unit},${code},${year}-${String((month % 12) + 1).padStart(2, '0')},1`);
    }
    lines[5000] = '880101,members_congress,1941-01,-3';
    const table = await readTable(csvOf(lines), 'big.csv');
    expect(table.rows).toHaveLength(10_000);
    const result = await runImport(db(), table, ctx, { commit: true, write: write('all-or-nothing') });
    expect(result.ok).toBe(false);
    expect(brief(result.errors)).toEqual([[5001, 'value', 'negative']]);
    expect([result.inserted, result.updated, result.unchanged]).toEqual([0, 0, 0]);
    const written = await db()
      .selectFrom('facts')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('batch_id', '=', 'all-or-nothing')
      .executeTakeFirstOrThrow();
    expect(written.n).toBe(0);
  });

  it('is idempotent: the same file again changes nothing; a changed value is an update with old → new and audited', async () => {
    const file = (v: string) =>
      csvOf([
        'unit_code,indicator,period,value',
        '880101,warning_education,2023,2',
        `880102,warning_education,2023,${v}`,
        '880102,star_rating,2023,*',
      ]);
    const first = await runImport(db(), await readTable(file('4'), 'a.csv'), ctx, {
      commit: true,
      write: write('batch-1'),
    });
    expect(first).toMatchObject({ ok: true, errors: [], inserted: 3, updated: 0, unchanged: 0 });
    const again = await runImport(db(), await readTable(file('4'), 'a.csv'), ctx, {
      commit: true,
      write: write('batch-2'),
    });
    expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 3 });

    const dry = await runImport(db(), await readTable(file('5'), 'a.csv'), ctx, {
      commit: false,
      write: write('batch-3'),
    });
    expect(dry).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 2 });
    const update = dry.plan.facts.find((f) => f.action === 'update')!;
    expect([update.row, update.old?.value, update.value]).toEqual([3, 4, 5]);
    const stillStored = await db()
      .selectFrom('facts')
      .select('value')
      .where('unit_code', '=', '880102')
      .where('indicator_code', '=', 'warning_education')
      .executeTakeFirstOrThrow();
    expect(stillStored.value).toBe(4); // a dry run writes nothing

    await runImport(db(), await readTable(file('5'), 'a.csv'), ctx, { commit: true, write: write('batch-4') });
    const history = await factHistory(db(), '880102', 'warning_education');
    expect(history.map((h) => [h.old_value, h.new_value, h.source, h.batch_id, h.changed_by])).toEqual([
      [null, 4, 'import', 'batch-1', 'tester'],
      [4, 5, 'import', 'batch-4', 'tester'],
    ]);
    const fact = await db()
      .selectFrom('facts')
      .selectAll()
      .where('unit_code', '=', '880102')
      .where('indicator_code', '=', 'warning_education')
      .executeTakeFirstOrThrow();
    expect([fact.value, fact.version, fact.batch_id, fact.source]).toEqual([5, 2, 'batch-4', 'import']);
  });

  it('refuses impossible values and periods the unit did not live in; writes plausibility warnings only when accepted', async () => {
    await db().updateTable('units').set({ active_to: '2020-01-01' }).where('code', '=', '880102').execute();
    const units = new Map(ctx.units);
    units.set('880102', { ...units.get('880102')!, active_to: '2020-01-01' });
    const merged = { ...ctx, units };
    try {
      const bytes = await xlsxOf([
        ['unit_code', 'indicator', 'period', 'value'],
        ['880101', 'seminar', '2022', 1.7e308], // 2
        ['880102', 'seminar', '2022', 1], // 3 merged away at the end of 2019
        ['880101', 'seminar', '2022H1', 31], // 4 seminar: 60 a year, 30 a half-year
      ]);
      const table = await readTable(bytes, 'warn.xlsx');
      const bad = await runImport(db(), table, merged, {
        commit: true,
        write: { ...write('warn-0'), acceptWarnings: true },
      });
      expect(brief(bad.errors)).toEqual([
        [2, 'value', 'too_large'],
        [3, 'value', 'inactive_unit'],
      ]);
      const onlyWarning = await readTable(
        await xlsxOf([
          ['unit_code', 'indicator', 'period', 'value'],
          ['880101', 'seminar', '2022H1', 31],
        ]),
        'warn.xlsx',
      );
      const unconfirmed = await runImport(db(), onlyWarning, ctx, { commit: true, write: write('warn-1') });
      expect([unconfirmed.ok, brief(unconfirmed.warnings), unconfirmed.inserted]).toEqual([
        false,
        [[2, 'value', 'implausible']],
        0,
      ]);
      const confirmed = await runImport(db(), onlyWarning, ctx, {
        commit: true,
        write: { ...write('warn-2'), acceptWarnings: true },
      });
      expect([confirmed.ok, confirmed.inserted]).toEqual([true, 1]);
      const stored = await db()
        .selectFrom('facts')
        .select(['value', 'batch_id'])
        .where('indicator_code', '=', 'seminar')
        .where('period', 'in', ['2022', '2022H1'])
        .execute();
      expect(stored).toEqual([{ value: 31, batch_id: 'warn-2' }]);
    } finally {
      await db().updateTable('units').set({ active_to: null }).where('code', '=', '880102').execute();
    }
  });

  it('two imports committed at once count inserts and updates and audit old values against each other', async () => {
    const codes = ['collective_study', 'party_group_meeting', 'branch_committee', 'theme_party_day'];
    const keys = codes.flatMap((code) =>
      Array.from(
        { length: 240 },
        (_, m) => `880101,${code},${1950 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`,
      ),
    );
    const file = (value: number, n = keys.length) =>
      readTable(csvOf(['unit_code,indicator,period,value', ...keys.slice(0, n).map((k) => `${k},${value}`)]), 'c.csv');
    await runImport(db(), await file(1, 120), ctx, { commit: true, write: write('conc-0') });
    const [a, b] = await Promise.all(
      [2, 3].map(async (v) => runImport(db(), await file(v), ctx, { commit: true, write: write(`conc-${v}`) })),
    );
    const counts = [a!, b!].map((r) => [r.inserted, r.updated]).sort((x, y) => y[0]! - x[0]!);
    expect(counts).toEqual([
      [840, 120],
      [0, 960],
    ]);
    const firstBatch = a!.inserted === 840 ? 'conc-2' : 'conc-3';
    const audit = await db()
      .selectFrom('fact_audit')
      .select(['batch_id', 'old_value'])
      .where('batch_id', 'in', ['conc-2', 'conc-3'])
      .execute();
    const oldValues = (batch: string) => {
      const t: Record<string, number> = {};
      for (const r of audit.filter((x) => x.batch_id === batch))
        t[String(r.old_value)] = (t[String(r.old_value)] ?? 0) + 1;
      return t;
    };
    expect(oldValues(firstBatch)).toEqual({ null: 840, 1: 120 });
    expect(oldValues(firstBatch === 'conc-2' ? 'conc-3' : 'conc-2')).toEqual({
      [firstBatch === 'conc-2' ? 2 : 3]: 960,
    });
  });

  it('round-trips the downloadable template: filled in Excel, read back as facts', async () => {
    const period = parsePeriod('2024Q3');
    const units = FIXTURE_UNITS.filter((u) => u.code.startsWith('8801'));
    const bytes = await buildTemplate({ units, indicators: ctx.indicators, period });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['数据填报', '单位', '指标']);
    const sheet = wb.worksheets[0]!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 4)).toEqual(['单位代码', '单位名称', '报告期', '党员大会(次)']);
    expect(header).toHaveLength(3 + 28); // 30 indicators, 2 derived ones left out
    expect(header).not.toContain('整改完成率(%)');
    // fill 党员大会 for 子县 (row 3: rows follow the unit list 880100, 880101, 880102)
    expect(sheet.getCell('A3').value).toBe('880101');
    sheet.getCell('D3').value = 1;
    sheet.getCell('E3').value = 3;
    const filled = Buffer.from(await wb.xlsx.writeBuffer());
    const plan = await planImport(db(), await readTable(filled, 'template.xlsx'), ctx);
    expect(plan.errors).toEqual([]);
    expect(plan.facts.map((f) => [f.row, f.unitCode, f.indicatorCode, f.period, f.value])).toEqual([
      [3, '880101', 'members_congress', '2024Q3', 1],
      [3, '880101', 'branch_committee', '2024Q3', 3],
    ]);
    // every other template cell was empty: 3 units × 28 columns − 2 filled
    expect(plan.ignored).toBe(3 * 28 - 2);
  });
  it('a preview holds no transaction: a statement asked while it plans is answered before it ends', async () => {
    // 20,160 rows: months of 1990–2019 × 28 indicators × the two counties of 甲市
    const lines = ['unit_code,indicator,period,value'];
    for (let m = 0; m < 360; m++)
      for (const indicator of BASE_INDICATOR_CODES)
        for (const unit of ['880101', '880102'])
          lines.push(`${unit},${indicator},${makePeriod('month', 1990 + Math.floor(m / 12), (m % 12) + 1).code},1`);
    const table = await readTable(csvOf(lines), 'big.csv');
    const order: string[] = [];
    const preview = runImport(db(), table, ctx, { commit: false, write: write('preview') }).then((r) => {
      order.push('preview');
      return r;
    });
    // the preview is under way; on PGlite a transaction would hold the only connection until it ends
    await new Promise((resolve) => setTimeout(resolve, 30));
    await sql`select 1`.execute(db());
    order.push('select');
    const result = await preview;
    expect([result.errors.length, result.inserted]).toEqual([0, lines.length - 1]);
    expect(order).toEqual(['select', 'preview']);
  });
});
