import { readFileSync } from 'node:fs';
import { unitNamesEn } from '@bixue/domain/unit-names-en';
import { expect, it } from 'vitest';
import { REPO_ROOT } from './support/app.ts';
import { login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';
import { pickPeriod } from './support/period-picker.ts';

// a copy of ../shared/reports/000_e7f49b25ad442dfe.txt, so the test needs nothing outside the repo
const SEED_000 = `${REPO_ROOT}tests/fixtures/000_e7f49b25ad442dfe.txt`;

const env = useAppAndBrowser();

it('reads seed 000, lets the reporter confirm, and keeps each fact with its sentence', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'reporter');
  await page.goto(`${env.app.url}/extract`);
  await page.setInputFiles('[data-testid=report-file]', SEED_000);
  await page.waitForSelector('[data-testid=proposal-table] .el-table__body tr');
  // labels.json: eight facts for seed 000
  expect(await page.locator('[data-testid=proposal-table] .el-table__body tr').count()).toBe(8);
  // least sure first: 完成整改 carried from the issues sentence, then the honour, then the issues themselves
  const confidences = await page
    .locator('[data-testid=proposal-table] .el-table__body tr td:nth-child(4)')
    .allTextContents();
  expect(confidences.map((c) => c.trim())).toEqual(['60%', '70%', '75%', '95%', '95%', '95%', '95%', '95%']);
  // the detected period fills the picker: 半年 · 2022 · 上半年
  expect(await page.getAttribute('[data-testid=period-input]', 'data-period')).toBe('2022H1');
  expect(await page.locator('[data-testid=period-input] [data-part=index]').textContent()).toContain('上半年');
  expect(await page.locator('[data-testid=report-view] mark').count()).toBeGreaterThan(0);
  await page.screenshot({ path: screenshotPath('extract-proposals') });

  // the demo holds 安平县's 2022 by quarters, and 7 of the 8 figures disagree with Q1 + Q2: the
  // first confirmation stores nothing and shows each one (党员大会 5 against 2 + 1 = 3)
  const reportFacts = async () =>
    (
      await env.app.handle.db
        .selectFrom('facts')
        .select('indicator_code')
        .where('unit_code', '=', '990101')
        .where('period', '=', '2022H1')
        .where('source', '=', 'report')
        .execute()
    ).length;
  await page.click('[data-testid=confirm]');
  await page.waitForSelector('[data-testid=coarse-conflicts]');
  const conflicts = page.locator('[data-testid=coarse-conflicts] .el-table__body tr');
  expect(await conflicts.count()).toBe(7);
  const congressRow = (await conflicts.filter({ hasText: '党员大会' }).textContent()) ?? '';
  expect(congressRow).toContain('2022年上半年');
  expect(congressRow).toContain('3（覆盖 6/6 个月）');
  expect(congressRow).toContain('2022年第一季度、2022年第二季度');
  expect(congressRow).not.toContain('members_congress');
  expect(await reportFacts()).toBe(0);
  expect(await page.isDisabled('[data-testid=confirm]')).toBe(true);
  await page.screenshot({ path: screenshotPath('extract-conflicts'), fullPage: true });
  // the person chooses the report's figures: the half-year now shows 5, and the message says so
  await page.click('[data-testid=conflict-replace]');
  await page.click('[data-testid=confirm]');
  await page.waitForSelector('[data-testid=saved-facts] .el-table__body tr');
  expect(await page.locator('.el-message--success').textContent()).toContain('7 个较粗的数取代了不一致的较细合计');
  // the stored facts are named for a person, not by codes: 安平县气象局 · 2022年上半年 · 已存数据
  const title = (await page.textContent('[data-testid=saved-title]')) ?? '';
  const unit = await env.app.handle.db
    .selectFrom('units')
    .select(['name', 'name_en', 'short_name_en'])
    .where('code', '=', '990101')
    .executeTakeFirstOrThrow();
  const unitName = unit.name;
  expect(title).toBe(`${unitName} · 2022年上半年 · 已存数据`);
  expect(title).not.toMatch(/990101|2022H1/);
  expect(await page.textContent('[data-testid=detected]')).toContain('2022年上半年');
  const saved = await page.textContent('[data-testid=saved-facts]');
  expect(saved).toContain('党员大会');
  expect(saved).toContain('召开党员大会5次');
  expect(saved).toContain('报告识别');
  await page.screenshot({ path: screenshotPath('extract-saved'), fullPage: true });
  // the same in English: the unit's English name, H1 2022, indicator names
  await page.getByRole('radio', { name: 'EN' }).click({ force: true });
  await expect
    .poll(() => page.textContent('[data-testid=saved-title]'))
    .toBe(`Stored facts · ${unitNamesEn(unit).nameEn} · H1 2022`);
  // the unit picker too: the chosen unit reads in English
  expect(await page.textContent('[data-testid=unit-select]')).toContain(`${unitNamesEn(unit).nameEn} (990101)`);
  const savedEn = (await page.textContent('[data-testid=saved-facts]')) ?? '';
  expect(savedEn).toContain("Party members' congress");
  expect(savedEn).toContain('5 times');
  await page.screenshot({ path: screenshotPath('extract-saved-en'), fullPage: true });

  // independent path: the database holds the facts with source, document and the exact sentence span
  const rows = await env.app.handle.db
    .selectFrom('facts')
    .innerJoin('documents', (j) =>
      j.onRef('documents.id', '=', 'facts.document_id').onRef('documents.unit_code', '=', 'facts.unit_code'),
    )
    .select([
      'facts.indicator_code',
      'facts.value',
      'facts.source',
      'facts.span_start',
      'facts.span_end',
      'documents.body',
    ])
    .where('facts.unit_code', '=', '990101')
    .where('facts.period', '=', '2022H1')
    .where('facts.source', '=', 'report')
    .orderBy('facts.indicator_code')
    .execute();
  const values = Object.fromEntries(rows.map((r) => [r.indicator_code, r.value]));
  expect(values).toEqual({
    members_congress: 5,
    collective_study: 24,
    theme_party_day: 6,
    party_lecture: 2,
    warning_education: 6,
    issues_found: 6,
    issues_closed: 6,
    awards_county: 1,
  });
  const original = readFileSync(SEED_000, 'utf8');
  const congress = rows.find((r) => r.indicator_code === 'members_congress')!;
  expect(congress.body).toBe(original);
  expect(original.slice(congress.span_start!, congress.span_end!)).toContain('召开党员大会5次');
  expect(errors).toEqual([]);
});

it('asks the same on the manual form: a half-year typed over quarters that say otherwise', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1440, height: 1000 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'reporter');
  await page.goto(`${env.app.url}/entry/manual`);
  // 安平县's 2023 党员大会 are held by finer periods that sum to 3 over the second half
  expect(await pickPeriod(page, 'entry-period', { grain: '半年', year: 2023, index: '下半年' })).toBe('2023H2');
  await page.getByRole('button', { name: '打开' }).click();
  const congress = page.locator('[data-testid=entry-table] input[aria-label="党员大会"]');
  await congress.fill('5');
  await page.click('[data-testid=entry-save]');
  await page.waitForSelector('[data-testid=coarse-conflicts]');
  const row = (await page.locator('[data-testid=coarse-conflicts] .el-table__body tr').textContent()) ?? '';
  expect(row).toContain('安平县气象局');
  expect(row).toContain('2023年下半年');
  expect(row).toContain('3（覆盖 6/6 个月）');
  expect(await page.isDisabled('[data-testid=entry-save]')).toBe(true);
  const stored = () =>
    env.app.handle.db
      .selectFrom('facts')
      .select(['value', 'source'])
      .where('unit_code', '=', '990101')
      .where('indicator_code', '=', 'members_congress')
      .where('period', '=', '2023H2')
      .executeTakeFirst();
  expect(await stored()).toBeUndefined();
  await page.screenshot({ path: screenshotPath('entry-conflicts'), fullPage: true });

  await page.click('[data-testid=conflict-replace]');
  await page.click('[data-testid=entry-save]');
  await expect
    .poll(() => page.locator('.el-message--success').textContent())
    .toContain('1 个较粗的数取代了不一致的较细合计');
  expect(await stored()).toEqual({ value: 5, source: 'manual' });
  expect(errors).toEqual([]);
  await page.close();
});
