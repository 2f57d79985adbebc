import type { createCaller } from '@bixue/api';
import { measureUnitText } from '@bixue/domain';
import { beforeAll, expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';

const env = useAppAndBrowser();
let api: ReturnType<typeof createCaller>;

beforeAll(async () => {
  api = await apiAs(env.app, 'admin');
});

it('管理 → 设置: the admin sets the peer threshold and one indicator’s plausible bound, the server keeps them', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'admin');
  await page.goto(`${env.app.url}/admin/settings`);

  const peers = page.locator('[data-testid=peer-min-others] input');
  await peers.waitFor();
  expect(await peers.inputValue()).toBe('3');
  await peers.fill('5');
  await peers.press('Tab');
  await page.click('[data-testid=save-peer-min-others]');
  await expect.poll(async () => (await api.admin.settings()).peer_min_others).toBe(5);

  // 党课: the catalog's 60 a year, the province's own 24
  const bound = page.locator('[data-testid=bound-party_lecture] input');
  expect(await bound.inputValue()).toBe('60');
  await bound.fill('24');
  await bound.press('Tab');
  await page.click('[data-testid=save-bound-party_lecture]');
  await expect.poll(async () => (await api.admin.settings()).plausible_bounds).toEqual({ party_lecture: 24 });
  await page.locator('[data-testid=reset-bound-party_lecture]').waitFor();
  await page.locator('[data-testid=plausible-bounds]').scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('admin-settings-bounds'), fullPage: true });

  // 恢复默认: the catalog's bound again
  await page.click('[data-testid=reset-bound-party_lecture]');
  await expect.poll(async () => (await api.admin.settings()).plausible_bounds).toEqual({});
  await expect.poll(() => bound.inputValue()).toBe('60');
  expect(errors).toEqual([]);
  await page.close();
});

it('管理 → 目标 names each target’s measure unit, in English when the app is', async () => {
  const targets = await api.admin.targets();
  const catalog = new Map((await api.catalog.indicators()).map((i) => [i.code, i]));
  const page = await env.browser.newPage({ viewport: { width: 1440, height: 900 } });
  const errors = watchConsole(page);
  await page.goto(`${env.app.url}/login`);
  await page.evaluate(() => localStorage.setItem('bixue.locale', 'en'));
  await login(page, env.app.url, 'admin');
  await page.goto(`${env.app.url}/admin/targets`);
  const units = page.locator('[data-testid=targets-table] [data-testid=target-unit]');
  await page.locator('[data-testid=targets-table] .el-table__row').first().waitFor({ timeout: 30_000 });
  await page.screenshot({ path: screenshotPath('admin-targets-en'), fullPage: true });
  await expect.poll(() => units.count(), { timeout: 30_000 }).toBe(targets.length);
  const shown = await units.allTextContents();
  expect(shown).toEqual(targets.map((t) => measureUnitText(catalog.get(t.indicatorCode)!.unit, 'en')));
  // English words, not the catalog's Chinese: 次 is times
  expect(shown).toContain('times');
  expect(shown.some((u) => /[\u4e00-\u9fff]/u.test(u))).toBe(false);
  await page.screenshot({ path: screenshotPath('admin-targets-en'), fullPage: true });
  await page.evaluate(() => localStorage.setItem('bixue.locale', 'zh-CN'));
  expect(errors).toEqual([]);
  await page.close();
});
