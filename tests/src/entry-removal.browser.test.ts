import { loadCycleHistory, writeFacts } from '@bixue/db';
import { TEST_AS_OF } from '@bixue/db/testing';
import { expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';

const env = useAppAndBrowser();
/** open in the demo history, 安平县 (990101) drafting: what it enters waits for 云川市 to approve */
const PERIOD = '2026Q2';
const RETURNED_FOR = '党建品牌为何撤回？请说明';

/**
 * 党建品牌 and 星级评定 are stated only for whole years in the demo, so a quarter's figure for
 * them disagrees with nothing stored and the save asks no question about grains.
 */
it('manual entry marks a draft 草稿 until submitted, then 待审核, and 已退回 with the comment when sent back; a taken-back figure likewise', async () => {
  await loadCycleHistory(env.app.handle.db, TEST_AS_OF);
  // an approved 党建品牌 figure for the quarter, as if entered before the period opened
  await writeFacts(
    env.app.handle.db,
    [{ unitCode: '990101', indicatorCode: 'party_brands', period: PERIOD, value: 38, status: 'value' }],
    { source: 'manual', user: 'test', batchId: 'entry-removal' },
  );
  const reporter = await apiAs(env.app, 'reporter');
  const analyst = await apiAs(env.app, 'analyst');
  const rowsNow = async () =>
    new Map(
      (await reporter.data.entryForm({ unitCode: '990101', period: PERIOD })).rows.map((r) => [r.indicatorCode, r]),
    );
  const before = await rowsNow();
  expect(before.get('party_brands')).toMatchObject({ value: 38, draft: false, removal: false });
  expect(before.get('star_rating')).toMatchObject({ status: 'missing', draft: false });

  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'reporter');
  await page.goto(`${env.app.url}/entry/manual`);
  // the reporter's own unit and the last quarter are chosen already
  await page.getByRole('button', { name: '打开' }).click();
  const row = (name: string) => page.locator('[data-testid=entry-table] .el-table__body tr', { hasText: name });
  await row('党建品牌').waitFor();
  expect(await page.locator('[data-testid^=pending-]', { hasText: /删除/ }).count()).toBe(0);
  const taskLine = () => page.textContent('[data-testid=entry-task]').then((s) => s?.trim() ?? null);
  expect(await taskLine()).toBe('2026Q2 报送 · 截止 2026-07-10 · 草稿·未提交');

  // take 38 back (blank = not reported, never zero) and enter 4 stars
  for (const [name, typed] of [
    ['党建品牌', ''],
    ['星级评定', '4'],
  ] as const) {
    await row(name).locator('.el-input-number input').fill(typed);
    await row(name).locator('.el-input-number input').press('Tab');
  }
  await page.click('[data-testid=entry-save]');
  // saved, not submitted: the unit's own draft
  await expect.poll(() => page.textContent('[data-testid=pending-party_brands]').catch(() => null)).toBe('删除·草稿');
  expect(await page.textContent('[data-testid=pending-star_rating]')).toBe('草稿');
  // the current value beside them is the draft's: nothing for the removal, 4 for the stars
  expect(await row('党建品牌').locator('td').nth(3).textContent()).toContain('未报送');
  expect(await row('星级评定').locator('td').nth(3).textContent()).toContain('4');
  await page.screenshot({ path: screenshotPath('entry-pending-review') });

  // what the page says is what the API says
  const after = await rowsNow();
  expect(after.get('party_brands')).toMatchObject({ status: 'missing', draft: true, removal: true });
  expect(after.get('star_rating')).toMatchObject({ value: 4, draft: true, removal: false });

  // submitted: waiting for 云川市
  await reporter.cycle.submit({ unit: '990101', period: PERIOD });
  await page.getByRole('button', { name: '打开' }).click();
  await expect.poll(taskLine).toBe('2026Q2 报送 · 截止 2026-07-10 · 已提交·待审核');
  expect(await page.textContent('[data-testid=pending-party_brands]')).toBe('删除待审核');
  expect(await page.textContent('[data-testid=pending-star_rating]')).toBe('待审核');
  // nothing to save while it waits: the server would refuse it, and the page says why
  expect(await page.isDisabled('[data-testid=entry-save]')).toBe(true);
  expect(await page.textContent('[data-testid=entry-read-only]')).toBe(
    '只读：已提交，等待上级审核；如需修改，请上级退回',
  );
  await page.screenshot({ path: screenshotPath('entry-submitted-read-only') });

  // sent back with a comment: the page says so and why
  await analyst.cycle.return({ unit: '990101', period: PERIOD, comment: RETURNED_FOR });
  await page.getByRole('button', { name: '打开' }).click();
  await expect.poll(taskLine).toBe(`2026Q2 报送 · 截止 2026-07-10 · 已退回：${RETURNED_FOR}`);
  expect(await page.textContent('[data-testid=pending-party_brands]')).toBe('删除·已退回');
  expect(await page.textContent('[data-testid=pending-star_rating]')).toBe('已退回');
  expect(await page.getAttribute('[data-testid=pending-star_rating]', 'class')).toContain('el-tag--danger');
  expect(await page.isDisabled('[data-testid=entry-save]')).toBe(false);
  expect(await page.locator('[data-testid=entry-read-only]').count()).toBe(0);
  await page.screenshot({ path: screenshotPath('entry-returned') });
  expect((await reporter.data.entryForm({ unitCode: '990101', period: PERIOD })).task).toMatchObject({
    state: 'returned',
    comment: RETURNED_FOR,
  });

  // in English, after a fresh load of the form
  await page.evaluate(() => localStorage.setItem('bixue.locale', 'en'));
  await page.reload();
  await page.getByRole('button', { name: 'Open' }).click();
  await expect
    .poll(() => page.textContent('[data-testid=pending-party_brands]').catch(() => null))
    .toBe('Removal returned');
  expect(await page.textContent('[data-testid=pending-star_rating]')).toBe('Returned');
  expect(await taskLine()).toBe(`Q2 2026 reporting · due 2026-07-10 · Returned: ${RETURNED_FOR}`);
  await page.evaluate(() => localStorage.setItem('bixue.locale', 'zh-CN'));

  // correcting it: the draft is the unit's again, and the reason stays in view until it submits
  await page.reload();
  await page.getByRole('button', { name: '打开' }).click();
  await row('星级评定').locator('.el-input-number input').fill('5');
  await row('星级评定').locator('.el-input-number input').press('Tab');
  await page.click('[data-testid=entry-save]');
  await expect.poll(taskLine).toBe(`2026Q2 报送 · 截止 2026-07-10 · 草稿·未提交（退回意见：${RETURNED_FOR}）`);
  expect(await page.textContent('[data-testid=pending-star_rating]')).toBe('草稿');
  expect(errors).toEqual([]);
  await page.close();
});

/** After the test above: 2026Q2 open, 安平县's task a draft again. */
it('says in English on an English page why an edit was not saved: someone else saved that figure in between', async () => {
  const reporter = await apiAs(env.app, 'reporter');
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'reporter');
  await page.goto(`${env.app.url}/entry/manual`);
  await page.getByRole('radio', { name: 'EN' }).click({ force: true });
  await page.getByRole('button', { name: 'Open' }).click();
  const row = page.locator('[data-testid=entry-table] .el-table__body tr', { hasText: 'Star rating' });
  await row.waitFor();
  // the same person, in another tab, saves the stars after this form was opened
  const form = await reporter.data.entryForm({ unitCode: '990101', period: PERIOD });
  const stars = form.rows.find((r) => r.indicatorCode === 'star_rating')!;
  await reporter.data.saveEntry({
    unitCode: '990101',
    period: PERIOD,
    changes: [
      {
        indicatorCode: 'star_rating',
        value: (stars.value ?? 0) === 3 ? 2 : 3,
        status: 'value',
        expectedVersion: stars.version,
      },
    ],
  });
  await row.locator('.el-input-number input').fill('1');
  await row.locator('.el-input-number input').press('Tab');
  await page.click('[data-testid=entry-save]');
  const said = page.locator('.el-message--error');
  await said.waitFor();
  const text = (await said.textContent()) ?? '';
  expect(text).toMatch(
    /^Not saved: Someone else changed 990101 star_rating Q2 2026 \(you saw version \d+, it is now \d+\)/,
  );
  expect(text).not.toMatch(/\p{Script=Han}/u);
  await page.screenshot({ path: screenshotPath('entry-conflict-en') });
  await page.getByRole('radio', { name: '中' }).click({ force: true });
  // the refused save's own 409 is the only thing the console says
  expect(errors.filter((e) => !e.includes('409'))).toEqual([]);
});
