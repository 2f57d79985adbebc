import { readFileSync } from 'node:fs';
import { formatValue } from '@bixue/charts';
import { dataVersion, writeFacts } from '@bixue/db';
import { parsePeriod, periodLabel } from '@bixue/domain';
import { expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';
import { chartsDrawn, rankingLine, shownValue } from './support/dashboard.ts';

const env = useAppAndBrowser();
const WINDOW = '2026H1';
const GROUP = 'level:county@990000';
const UNIT = '990101';
const REASON = '复核更正：原报讲党课次数有误';

const shown = shownValue;

it('draws the overview as of an earlier version from the picker, its file and basket item carry it, and the diff names what changed', async () => {
  const db = env.app.handle.db;
  const leader = await apiAs(env.app, 'leader');
  const [lecture] = (await leader.catalog.indicators()).filter((i) => i.code === 'party_lecture');
  const ranking = (version?: number) =>
    leader.analytics.ranking({
      indicator: 'party_lecture',
      window: WINDOW,
      group: GROUP,
      ...(version === undefined ? {} : { version }),
    });

  // v1: a write of 安平县 outside the window (so the picker lists v1 for the unit); v2: a correction inside it
  await writeFacts(
    db,
    [{ unitCode: UNIT, indicatorCode: 'party_lecture', period: '2018-01', value: 5, status: 'value' }],
    {
      source: 'manual',
      user: 'analyst',
    },
  );
  const v1 = await dataVersion(db, '990000');
  const stored = await db
    .selectFrom('facts')
    .select(['period', 'value'])
    .where('unit_code', '=', UNIT)
    .where('indicator_code', '=', 'party_lecture')
    .where('start_month', '>=', parsePeriod(WINDOW).startMonth)
    .where('end_month', '<=', parsePeriod(WINDOW).endMonth)
    .where('status', '=', 'value')
    .orderBy('period')
    .executeTakeFirstOrThrow();
  const corrected = stored.value! + 7;
  await writeFacts(
    db,
    [{ unitCode: UNIT, indicatorCode: 'party_lecture', period: stored.period, value: corrected, status: 'value' }],
    // a jump the plausibility check would ask about: confirmed, as a person would
    { source: 'manual', user: 'admin', reason: REASON, acceptWarnings: true },
  );
  const v2 = await dataVersion(db, '990000');
  expect(v2).toBe(v1 + 1);

  // the value of the unit at v1 and now, through the API: the card must show the one it is drawn as of
  const atV1 = (await ranking(v1)).entries.find((e) => e.unit === UNIT)!;
  const now = (await ranking()).entries.find((e) => e.unit === UNIT)!;
  expect(atV1.value).not.toBeNull();
  expect(now.value).toBe(atV1.value! + 7);
  const valueHeader = `${lecture!.nameZh}（${lecture!.unit}）`;

  const page = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'leader');
  await page.goto(`${env.app.url}/overview?unit=${UNIT}&window=${WINDOW}&group=${GROUP}&ind=party_lecture`);
  await chartsDrawn(page, ['card-ranking']);
  expect(await page.locator('[data-testid=version-banner]').count()).toBe(0);
  expect((await rankingLine(page, UNIT, valueHeader)).value).toBe(shown(now.value));

  // the picker lists the recent versions with time and who; v1 is the analyst's
  await page.click('[data-testid=pick-version]');
  const option = page.locator(`.version-options [data-testid=version-option-${v1}]`);
  await option.waitFor();
  expect(await option.textContent()).toContain(`v${v1}`);
  expect(await option.textContent()).toContain('analyst');
  await expect
    .poll(() => page.locator(`.version-options [data-testid=version-option-current]`).textContent())
    .toBe(`当前数据（v${v2}）`);
  await page.screenshot({ path: screenshotPath('versions-1-picker') });
  await option.click();

  // the URL keeps the version (a shareable link), the banner says so, the card shows v1's value
  await page.waitForURL((u) => u.searchParams.get('ver') === String(v1));
  const banner = page.locator('[data-testid=version-banner]');
  await banner.waitFor();
  expect(await banner.textContent()).toMatch(
    new RegExp(`正在查看数据版本 ${v1}（截至 \\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}）`),
  );
  expect(await banner.textContent()).toContain('返回当前');
  await chartsDrawn(page, ['card-ranking']);
  await expect.poll(async () => (await rankingLine(page, UNIT, valueHeader)).value).toBe(shown(atV1.value));
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath('versions-2-banner') });

  // the link opened afresh draws the same
  const shared = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  errors.push(...watchConsole(shared));
  await login(shared, env.app.url, 'leader');
  await shared.goto(page.url());
  await chartsDrawn(shared, ['card-ranking']);
  expect((await rankingLine(shared, UNIT, valueHeader)).value).toBe(shown(atV1.value));
  await shared.evaluate(() => window.scrollTo(0, 0));
  await shared.screenshot({ path: screenshotPath('versions-3-banner-1280') });
  await shared.close();

  // the card's CSV is drawn as of v1 and says so; the basket keeps v1
  await page.click('[data-testid=card-ranking] .more');
  const [csv] = await Promise.all([
    page.waitForEvent('download', { timeout: 120_000 }),
    page.locator('.el-dropdown-menu:visible [data-testid=menu-csv]').click(),
  ]);
  const text = readFileSync(await csv.path(), 'utf8');
  expect(text).toContain(`数据版本 v${v1}`);
  const csvRow = text.split('\r\n').find((line) => line.includes(`,${UNIT},`))!;
  expect(csvRow.split(',')).toContain(String(atV1.value));
  await leader.basket.clear();
  await page.click('[data-testid=card-ranking] .more');
  await page.locator('.el-dropdown-menu:visible [data-testid=menu-basket]').click();
  await expect
    .poll(async () => (await leader.basket.list()).map((i) => [i.chart, i.version]))
    .toEqual([['ranking', v1]]);
  await leader.basket.clear();

  // 返回当前: the current value again, no banner
  await page.click('[data-testid=version-back]');
  await page.waitForURL((u) => !u.searchParams.has('ver'));
  await chartsDrawn(page, ['card-ranking']);
  await expect.poll(async () => (await rankingLine(page, UNIT, valueHeader)).value).toBe(shown(now.value));
  expect(await banner.count()).toBe(0);

  // the diff page, from the sidebar: v1 → v2 names the unit, the indicator, the period, old → new, who and why
  await page.click('[data-testid=nav-versions]');
  await page.waitForURL((u) => u.pathname === '/versions');
  await page.locator('[data-testid=diff-summary]').waitFor();
  await page.click('[data-testid=diff-from]');
  await page.locator(`.version-options:visible [data-testid=diff-from-${v1}]`).click();
  await expect.poll(() => page.textContent('[data-testid=diff-summary]')).toBe(`v${v1} → v${v2}：1 条数据有变化`);
  const diff = await leader.versions.diff({ unit: '990000', from: v1, to: v2 });
  expect(diff.changes).toHaveLength(1);
  const cells = await page
    .locator('[data-testid=diff-table] .el-table__body tr td')
    .evaluateAll((tds) => tds.map((td) => td.textContent?.trim() ?? ''));
  const unitName = (await leader.units.get({ unit: UNIT })).name;
  expect(cells[0]).toBe(unitName);
  expect(cells[1]).toBe(lecture!.nameZh);
  expect(cells[2]).toBe(periodLabel(parsePeriod(stored.period)));
  expect(cells[3]).toBe(`${formatValue(stored.value!)}${lecture!.unit} → ${formatValue(corrected)}${lecture!.unit}`);
  expect(cells[4]).toBe('admin');
  expect(cells[5]).toMatch(/^\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/);
  expect(cells[6]).toBe(REASON);
  await page.screenshot({ path: screenshotPath('versions-4-diff') });

  // v3: the admin doubles the counties' 党课 target; the diff v2 → v3 lists no fact, and the target
  // change with who and why (issue 18: a view as of v2 keeps the old target)
  const admin = await apiAs(env.app, 'admin');
  await admin.admin.saveTarget({
    indicatorCode: 'party_lecture',
    level: 'county',
    unitCode: null,
    year: null,
    value: 8,
    perCapita: false,
    reason: '上级要求加倍',
  });
  const v3 = await dataVersion(db, '990000');
  expect(v3).toBe(v2 + 1);
  await page.reload();
  await page.click('[data-testid=diff-from]');
  await page.locator(`.version-options:visible [data-testid=diff-from-${v2}]`).click();
  await page.click('[data-testid=diff-to]');
  await page.locator(`.version-options:visible [data-testid=diff-to-${v3}]`).click();
  await expect
    .poll(() => page.textContent('[data-testid=diff-summary]'))
    .toBe(`v${v2} → v${v3}：0 条数据有变化，另有 1 项目标、设置或报送期的变化`);
  const config = await page
    .locator('[data-testid=diff-config-table] .el-table__body tr td')
    .evaluateAll((tds) => tds.map((td) => td.textContent?.trim() ?? ''));
  // the demo's counties start from the default: 4 a year, quarterly
  expect([config[0], config[1], config[2], config[4]]).toEqual([
    '党课目标（县局，每年）',
    '4 · 按季度 → 8 · 按季度',
    'admin',
    '上级要求加倍',
  ]);
  await page.screenshot({ path: screenshotPath('versions-5-diff-targets') });
  expect(errors).toEqual([]);
  await page.close();
});

it('含未审核数据: with the province counting drafts every analytics card says so, and a card drawn as of a version does not', async () => {
  const admin = await apiAs(env.app, 'admin');
  await admin.cycle.setSettings({ countUnapproved: true });
  try {
    const leader = await apiAs(env.app, 'leader');
    // the server's word, not the page's guess: the answers the cards draw say it
    const r = await leader.analytics.ranking({ indicator: 'composite', window: WINDOW, group: GROUP });
    expect(r.unapproved).toBe(true);
    const page = await env.browser.newPage({ viewport: { width: 1920, height: 1080 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, 'leader');
    await page.goto(`${env.app.url}/overview?window=${WINDOW}&group=${GROUP}`);
    await chartsDrawn(page, ['card-ranking', 'card-heatmap']);
    for (const card of ['card-ranking', 'card-heatmap', 'card-movers', 'card-counts'])
      await expect
        .poll(() => page.locator(`[data-testid=${card}] [data-testid=unapproved-mark]`).textContent())
        .toContain('含未审核数据');
    // 报送情况 counts approved facts only: no mark
    expect(await page.locator('[data-testid=card-completeness] [data-testid=unapproved-mark]').count()).toBe(0);
    await page.locator('[data-testid=card-ranking]').screenshot({ path: screenshotPath('versions-5-unapproved-card') });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: screenshotPath('versions-6-unapproved-overview') });

    // the unit page's cards too
    await page.goto(`${env.app.url}/unit?unit=990100&window=${WINDOW}`);
    for (const card of ['card-benchmark', 'card-composite', 'card-children'])
      await expect
        .poll(() => page.locator(`[data-testid=${card}] [data-testid=unapproved-mark]`).count(), { timeout: 30_000 })
        .toBe(1);

    // drawn as of a version, the figures are approved data only: no mark
    const v = await dataVersion(env.app.handle.db, '990000');
    await page.goto(`${env.app.url}/overview?window=${WINDOW}&group=${GROUP}&ver=${v}`);
    await chartsDrawn(page, ['card-ranking']);
    expect(await page.locator('[data-testid=card-ranking] [data-testid=unapproved-mark]').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  } finally {
    await admin.cycle.setSettings({ countUnapproved: false });
  }
});
