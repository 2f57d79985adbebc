import { readFile } from 'node:fs/promises';
import { PENDING_UPLOAD_LIMITS, pendingTotals } from '@bixue/db';
import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';
import { pickPeriod } from './support/period-picker.ts';

const env = useAppAndBrowser();

it('downloads the template, uploads it filled, sees problems pinned to cells, commits and stores the values', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1600, height: 1000 }, acceptDownloads: true });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'analyst');
  await page.goto(`${env.app.url}/entry/import`);
  // the period is picked (季度 · 2025 · 第四季度), not typed, and becomes the API's 2025Q4
  expect(await pickPeriod(page, 'template-period', { grain: '季度', year: 2025, index: '第四季度' })).toBe('2025Q4');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-template]')]);
  expect(download.suggestedFilename()).toBe('数据填报模板_990100_2025Q4.xlsx');

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const header = (sheet.getRow(1).values as unknown[]).slice(1) as string[];
  const col = (h: string) => header.indexOf(h) + 1;
  // the analyst's city first, then its counties: 990101 is the second data row (Excel row 3)
  expect(sheet.getCell(3, 1).value).toBe('990101');
  expect(sheet.getCell(3, 3).value).toBe('2025Q4');
  sheet.getCell(3, col('党员大会(次)')).value = 7; // the demo never has more than a few a quarter: an update or an insert, never unchanged
  sheet.getCell(3, col('党课(次)')).value = 'X';
  sheet.getCell(4, col('专题研讨(次)')).value = -1; // a mistake in row 4
  const file = async () => Buffer.from(await wb.xlsx.writeBuffer());

  await page.setInputFiles('[data-testid=import-file]', {
    name: 'filled.xlsx',
    mimeType: 'application/octet-stream',
    buffer: await file(),
  });
  await page.waitForSelector('[data-testid=preview-errors]');
  const problems = await page.textContent('[data-testid=preview-errors]');
  expect(problems).toContain('专题研讨 不能为负数（-1）');
  // the problem's kind in words, not its code
  expect(problems).toContain('负数');
  expect(problems).not.toContain('negative');
  // the bad cell is highlighted in the file table, and nothing can be committed
  const bad = page.locator('[data-testid=preview-table] td.bad-cell');
  await expect.poll(() => bad.count()).toBe(1);
  expect(await bad.textContent()).toContain('-1');
  expect(await page.isDisabled('[data-testid=commit-import]')).toBe(true);
  await page.screenshot({ path: screenshotPath('import-preview-problem'), fullPage: true });

  sheet.getCell(4, col('专题研讨(次)')).value = 1;
  await page.setInputFiles('[data-testid=import-file]', {
    name: 'filled.xlsx',
    mimeType: 'application/octet-stream',
    buffer: await file(),
  });
  await expect.poll(() => page.locator('[data-testid=preview-errors]').count()).toBe(0);
  const counts = await page.textContent('[data-testid=preview-counts]');
  expect(counts).toMatch(/问题 0/);
  // the change list names the unit and the indicators, not their codes
  const changes = (await page.textContent('[data-testid=preview-changes]')) ?? '';
  expect(changes).toContain('安平县气象局');
  expect(changes).toContain('党员大会');
  expect(changes).not.toContain('members_congress');
  await page.screenshot({ path: screenshotPath('import-preview-ok'), fullPage: true });
  await page.click('[data-testid=commit-import]');
  await page.waitForSelector('[data-testid=import-result]');
  expect(await page.textContent('[data-testid=import-result]')).toMatch(/已导入/);

  const stored = await env.app.handle.db
    .selectFrom('facts')
    .select(['unit_code', 'indicator_code', 'value', 'status', 'source', 'updated_by'])
    .where('period', '=', '2025Q4')
    .where((eb) =>
      eb.or([
        eb.and([eb('unit_code', '=', '990101'), eb('indicator_code', 'in', ['members_congress', 'party_lecture'])]),
        eb.and([eb('unit_code', '=', '990102'), eb('indicator_code', '=', 'seminar')]),
      ]),
    )
    .orderBy(['unit_code', 'indicator_code'])
    .execute();
  expect(stored).toEqual([
    {
      unit_code: '990101',
      indicator_code: 'members_congress',
      value: 7,
      status: 'value',
      source: 'import',
      updated_by: 'analyst',
    },
    {
      unit_code: '990101',
      indicator_code: 'party_lecture',
      value: null,
      status: 'undisclosed',
      source: 'import',
      updated_by: 'analyst',
    },
    {
      unit_code: '990102',
      indicator_code: 'seminar',
      value: 1,
      status: 'value',
      source: 'import',
      updated_by: 'analyst',
    },
  ]);
  expect(errors).toEqual([]);
});

it('names a month imported under a stored half that keeps counting, and replaces the half when asked', async () => {
  // 党课 of 2018, which the demo leaves empty: H1 = 5 and Jan–May 1+0+1+0+1 = 3 are stored first
  const db = env.app.handle.db;
  const lecture = (period: string) =>
    db
      .selectFrom('facts')
      .select('value')
      .where('unit_code', '=', '990101')
      .where('indicator_code', '=', 'party_lecture')
      .where('period', '=', period)
      .executeTakeFirst();
  const page = await env.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'analyst');
  await page.goto(`${env.app.url}/entry/import`);
  const upload = async (lines: string[]) =>
    page.setInputFiles('[data-testid=import-file]', {
      name: 'facts.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`unit_code,indicator,period,value\n${lines.join('\n')}\n`),
    });
  await upload([
    '990101,party_lecture,2018H1,5',
    ...[1, 0, 1, 0, 1].map((v, i) => `990101,party_lecture,2018-0${i + 1},${v}`),
  ]);
  await page.waitForSelector('[data-testid=preview-counts]');
  await page.click('[data-testid=commit-import]');
  await page.waitForSelector('[data-testid=import-result]');
  expect(await lecture('2018H1')).toEqual({ value: 5 });

  // June = 0: the months sum to 3, yet the half keeps counting 5 — the preview says so and asks
  await upload(['990101,party_lecture,2018-06,0']);
  await page.waitForSelector('[data-testid=preview-under-coarse]');
  expect(await page.textContent('[data-testid=count-under-coarse]')).toContain('不计入 1');
  const row = (await page.textContent('[data-testid=under-coarse] .el-table__body tr')) ?? '';
  expect(row).toContain('党课');
  expect(row).toContain('2018年6月');
  expect(row).toContain('2018年上半年 = 5');
  expect(row).toContain('3（覆盖 6/6 个月）');
  expect(row).not.toMatch(/party_lecture|990101/);
  expect(await page.isDisabled('[data-testid=commit-import]')).toBe(true);
  expect(await page.textContent('[data-testid=preview-changes]')).toContain('2018年6月');
  await page.screenshot({ path: screenshotPath('import-under-coarse'), fullPage: true });

  await page.click('[data-testid=under-coarse-replace]');
  await page.click('[data-testid=commit-import]');
  await page.waitForSelector('[data-testid=import-result]');
  expect(await page.textContent('[data-testid=import-result]')).toContain('删除了 1 个较粗的数');
  expect(await lecture('2018H1')).toBeUndefined();
  expect(await lecture('2018-06')).toEqual({ value: 0 });
  expect(errors).toEqual([]);
});

it('reads the preview in English on an English page: problems, warnings and units', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'analyst');
  await page.goto(`${env.app.url}/entry/import`);
  await page.getByRole('radio', { name: 'EN' }).click({ force: true });
  await page.setInputFiles('[data-testid=import-file]', {
    name: 'english.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from('unit_code,indicator,period,value\n990101,seminar,2016,abc\n990102,seminar,2016-03,900\n'),
  });
  await page.waitForSelector('[data-testid=preview-errors]');
  const problems = (await page.textContent('[data-testid=preview-errors]')) ?? '';
  expect(problems).toContain('"abc" is not a number (an undisclosed figure is X or *)');
  expect(problems).not.toMatch(/\p{Script=Han}/u);
  expect(await page.textContent('[data-testid=preview-warnings]')).toContain('above the plausible bound');
  // the change list names the unit in English
  expect(await page.textContent('[data-testid=preview-changes]')).toContain('Ningyuan County Meteorological Bureau');
  await page.screenshot({ path: screenshotPath('import-preview-en'), fullPage: true });
  await page.click('[data-testid=discard-import]');
  await page.getByRole('radio', { name: '中' }).click({ force: true });
  expect(errors).toEqual([]);
});

it('discards a previewed file, and says how many wait when one more does not fit', async () => {
  const db = env.app.handle.db;
  const page = await env.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'analyst');
  await page.goto(`${env.app.url}/entry/import`);
  const upload = () =>
    page.setInputFiles('[data-testid=import-file]', {
      name: 'discard-me.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('unit_code,indicator,period,value\n990101,seminar,2017,1\n'),
    });
  const waiting = () =>
    db.selectFrom('pending_uploads').select('id').where('file_name', '=', 'discard-me.csv').execute();
  await upload();
  await page.waitForSelector('[data-testid=preview-counts]');
  expect(await waiting()).toHaveLength(1);
  await page.click('[data-testid=discard-import]');
  await expect.poll(() => page.locator('[data-testid=preview-counts]').count()).toBe(0);
  expect(await waiting()).toEqual([]);

  // the analyst's earlier previews plus fillers make the 20 a person may keep waiting
  const { id } = await db.selectFrom('users').select('id').where('username', '=', 'analyst').executeTakeFirstOrThrow();
  const owner = `${id}:analyst`;
  const { count } = await pendingTotals(db, owner);
  await db
    .insertInto('pending_uploads')
    .values(
      Array.from({ length: PENDING_UPLOAD_LIMITS.count - count }, (_, i) => ({
        id: `filler-${i}`,
        owner,
        file_name: 'filler.csv',
        bytes: Buffer.from('x'),
        expires_at: new Date(Date.now() + 60 * 60 * 1000),
      })),
    )
    .execute();
  await upload();
  await page.waitForSelector('[data-testid=import-error]');
  expect(await page.textContent('[data-testid=import-error]')).toContain(
    '待确认的上传已满：每人最多保留 20 个、共 100.0 MB，您现有 20 个',
  );
  expect(await waiting()).toEqual([]);
  await page.screenshot({ path: screenshotPath('import-pending-full'), fullPage: true });
  // the browser logs the refused upload's status itself
  expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
});
