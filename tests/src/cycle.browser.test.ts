import { chartLabels, formatRank } from '@bixue/charts';
import { loadCycleHistory } from '@bixue/db';
import { TEST_AS_OF } from '@bixue/db/testing';
import type { Locator } from 'playwright-core';
import { expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';
import { chartsDrawn, rankingLine, shownValue } from './support/dashboard.ts';

const env = useAppAndBrowser();
const PERIOD = '2026Q2';

/** 2026Q2 is open in the demo history: 安平县 (990101) is drafting, 云川市 (990100) reviews it. */
it('a reporter submits, the analyst approves from the board, the leader sees the ranking change', async () => {
  await loadCycleHistory(env.app.handle.db, TEST_AS_OF);
  const leader = await apiAs(env.app, 'leader');
  const rank = async () =>
    (
      await leader.analytics.ranking({
        indicator: 'members_congress',
        window: PERIOD,
        group: 'siblings:990100',
        today: '2026-07-15',
      })
    ).entries.find((e) => e.unit === '990101')!;
  const before = await rank();
  expect([before.value, before.rank]).toEqual([null, null]);
  const [congress] = (await leader.catalog.indicators()).filter((i) => i.code === 'members_congress');
  const valueHeader = `${congress!.nameZh}（${congress!.unit}）`;
  const leaderView = `/overview?unit=990101&window=${PERIOD}&group=siblings:990100&ind=members_congress`;

  const reporterPage = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = watchConsole(reporterPage);
  await login(reporterPage, env.app.url, 'reporter');
  await reporterPage.goto(`${env.app.url}/gaps?unit=990101`);
  await reporterPage.waitForSelector('[data-testid=cycle-task]');
  expect(await reporterPage.textContent('[data-testid=cycle-task]')).toContain('2026Q2 报送任务：填报中');
  await reporterPage.screenshot({ path: screenshotPath('cycle-1-reporter-task') });
  // 催报 from the city: the server's text in Chinese, and in English on an English page
  await (await apiAs(env.app, 'analyst')).cycle.remind({ period: PERIOD, units: ['990101'] });
  await reporterPage.reload();
  const reminder = reporterPage.locator('[data-testid=cycle-reminder]');
  await expect
    .poll(() => reminder.textContent())
    .toMatch(/analyst 催报：请于 \d{4}-\d\d-\d\d 前完成 2026Q2 党建指标报送/);
  await reporterPage.getByRole('radio', { name: 'EN' }).click({ force: true });
  await expect
    .poll(() => reminder.textContent())
    .toMatch(/^Reminder from analyst: Please complete the Q2 2026 party-building report by \d{4}-\d\d-\d\d/);
  expect(await reporterPage.textContent('[data-testid=cycle-notice]')).not.toMatch(/\p{Script=Han}/u);
  expect(await reporterPage.textContent('[data-testid=cycle-task]')).toContain('Q2 2026 reporting task: Drafting');
  await reporterPage.screenshot({ path: screenshotPath('cycle-1-reporter-reminder-en') });
  await reporterPage.getByRole('radio', { name: '中' }).click({ force: true });
  await reporterPage.click('[data-testid=cycle-task-submit]');
  await expect.poll(() => reporterPage.textContent('[data-testid=cycle-task]')).toContain('已提交');

  // the leader's ranking: a submitted figure does not count yet (count_unapproved off), 安平县 is unranked
  const leaderPage = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  errors.push(...watchConsole(leaderPage));
  await login(leaderPage, env.app.url, 'leader');
  await leaderPage.goto(`${env.app.url}${leaderView}`);
  await chartsDrawn(leaderPage, ['card-ranking']);
  const shownBefore = await rankingLine(leaderPage, '990101', valueHeader);
  expect(shownBefore.value).toBe(shownValue(before.value));
  expect(shownBefore.rankText).toBe(chartLabels('zh-CN').status.missing);
  await leaderPage.screenshot({ path: screenshotPath('cycle-1b-leader-ranking-before') });

  const analystPage = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  errors.push(...watchConsole(analystPage));
  await login(analystPage, env.app.url, 'analyst');
  await analystPage.goto(`${env.app.url}/cycle?period=${PERIOD}`);
  await analystPage.waitForSelector('[data-testid=state-990101]');
  expect(await analystPage.textContent('[data-testid=state-990101]')).toBe('已提交');
  expect(await analystPage.textContent('[data-testid=cycle-counts]')).toContain('逾期');
  await analystPage.screenshot({ path: screenshotPath('cycle-2-analyst-board') });
  await analystPage.click('[data-testid=review-990101]');
  await analystPage.waitForSelector('[data-testid=review-lines] .el-table__body tr');
  expect(await analystPage.textContent('[data-testid=review-lines]')).toContain('党员大会');
  await analystPage.screenshot({ path: screenshotPath('cycle-3-analyst-review') });
  await analystPage.click('[data-testid=review-approve]');
  await expect.poll(() => analystPage.textContent('[data-testid=state-990101]')).toBe('已审核');
  await analystPage.screenshot({ path: screenshotPath('cycle-4-analyst-approved') });
  // in English the board names the units in English, as every other page does
  await analystPage.locator('.el-overlay-dialog').waitFor({ state: 'hidden' });
  await analystPage.getByRole('radio', { name: 'EN' }).click({ force: true });
  const anping = analystPage.locator('tr', { has: analystPage.locator('[data-testid=state-990101]') });
  await expect.poll(() => anping.textContent()).toContain('Anping County Meteorological Bureau');
  expect(await anping.textContent()).not.toContain('安平县');
  await analystPage.screenshot({ path: screenshotPath('cycle-4-analyst-approved-en') });

  const after = await rank();
  expect(after.value).not.toBeNull();
  expect(after.rank).not.toBeNull();
  // the leader's ranking again: the approved figure counts, with the API's value and rank
  await leaderPage.goto(`${env.app.url}${leaderView}`);
  await chartsDrawn(leaderPage, ['card-ranking']);
  const shownAfter = await rankingLine(leaderPage, '990101', valueHeader);
  expect(shownAfter.value).toBe(shownValue(after.value));
  expect(shownAfter.rankText).toBe(formatRank(after.rank!, after.tied, 'zh-CN'));
  expect(shownAfter.value).not.toBe(shownBefore.value);
  await leaderPage.screenshot({ path: screenshotPath('cycle-4b-leader-ranking-after') });
  await leaderPage.goto(`${env.app.url}/cycle?period=${PERIOD}`);
  await leaderPage.waitForSelector('[data-testid=state-990101]');
  expect(await leaderPage.textContent('[data-testid=state-990101]')).toBe('已审核');
  // 最后操作: who acted and when; a task nobody has touched has no one and no date
  const updatedOf = async (state: Locator) =>
    (await leaderPage.locator('tr', { has: state }).first().locator('td').allTextContents())[6]!.trim();
  expect(await updatedOf(leaderPage.locator('[data-testid=state-990101]'))).toBe('analyst 2026-07-15');
  expect(await updatedOf(leaderPage.locator('[data-testid^=state-]', { hasText: /^未开始$/ }))).toBe('–');
  await leaderPage.screenshot({ path: screenshotPath('cycle-5-leader-board') });
  expect(errors).toEqual([]);
});
