import { parsePeriod, periodLabel } from '@bixue/domain';
import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';

// the suite's fixed day (2026-07-15), not the calendar's: the pages must follow the server's
const env = useAppAndBrowser();

it('serves the shell page with the demo tree and the catalog after login', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = watchConsole(page);
  await page.goto(env.app.url);
  // not signed in: the app sends us to the login page
  await page.waitForURL(/\/login/);
  await login(page, env.app.url, 'admin');
  // the admin's home is the overview; the unit tree and the catalog are one click away
  await page.waitForURL(/\/overview/);
  await page.goto(`${env.app.url}/catalog`);
  await page.waitForSelector('[data-testid=unit-tree] .el-tree-node');
  const tree = await page.textContent('[data-testid=unit-tree]');
  expect(tree).toContain('测试省气象局');
  expect(tree).toContain('云川市气象局');
  const rows = await page.locator('[data-testid=indicator-table] .el-table__body tr').count();
  expect(rows).toBe(30);
  await page.screenshot({ path: screenshotPath('shell-zh'), fullPage: false });

  await page.getByRole('radio', { name: 'EN' }).click({ force: true });
  await expect.poll(() => page.textContent('[data-testid=indicator-table]')).toContain('Party lectures');
  await page.screenshot({ path: screenshotPath('shell-en') });
  expect(errors).toEqual([]);
});

it('lets the browser keep the hashed build files, and asks for the app shell every time', async () => {
  const shell = await fetch(`${env.app.url}/overview`);
  expect(shell.headers.get('cache-control')).toBe('no-cache');
  const entry = /src="(\/assets\/[^"]+\.js)"/.exec(await shell.text())![1]!;
  const asset = await fetch(`${env.app.url}${entry}`);
  expect(asset.status).toBe(200);
  expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
});

it('takes its day from the server, not from the office PC’s clock', async () => {
  // the server runs on the suite's fixed day (2026-07-15); this browser's clock says otherwise
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'admin');
  await page.waitForURL(/\/overview/);
  // the last half-year that has ended on 15 July 2026
  await expect.poll(() => page.textContent('[data-testid=pick-window]')).toContain(periodLabel(parsePeriod('2026H1')));
  await page.locator('[data-testid=pick-window]').click();
  const offered = await page.locator('.el-select-dropdown:visible').first().textContent();
  // 2026Q3 began in July; 2026Q4 has not begun on the server's day
  expect(offered).toContain(periodLabel(parsePeriod('2026Q3')));
  expect(offered).not.toContain(periodLabel(parsePeriod('2026Q4')));
  expect(errors).toEqual([]);
});

/**
 * Per picker: its caption is shown, and neither the caption nor what the select shows runs past its
 * own box or the picker's, nor the picker past the bar's height. Empty when all fit.
 */
const pickerOverflows = (page: Page) =>
  page.evaluate(() => {
    const bar = document.querySelector<HTMLElement>('.topbar')!.getBoundingClientRect();
    return Array.from(document.querySelectorAll<HTMLElement>('.topbar .picker')).flatMap((picker) => {
      const box = picker.getBoundingClientRect();
      const caption = picker.querySelector<HTMLElement>(':scope > span')!;
      const shown = Array.from(
        picker.querySelectorAll<HTMLElement>('.el-select__selected-item, .el-select__placeholder'),
      );
      const name = caption.textContent?.trim() ?? '';
      const out: string[] = [];
      if (caption.offsetWidth === 0) out.push(`${name}: caption hidden`);
      if (box.top < bar.top || box.bottom > bar.bottom) out.push(`${name}: taller than the bar`);
      for (const el of [caption, ...shown].filter((e) => e.offsetWidth > 0)) {
        const r = el.getBoundingClientRect();
        if (el.scrollWidth > el.clientWidth + 1 || r.right > box.right + 1 || r.left < box.left - 1)
          out.push(`${name}: ${el.textContent?.trim()} (${el.scrollWidth}px in ${el.clientWidth}px)`);
      }
      return out;
    });
  });

/**
 * What of the bar does not fit the window: the bar scrolling sideways, the user's name past the
 * window's edge, the language switch squeezed onto two rows. Empty when all fit.
 */
const barOverflows = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('.topbar')!;
    const user = document.querySelector<HTMLElement>('[data-testid=current-user]')!.getBoundingClientRect();
    const language = document.querySelector<HTMLElement>('.topbar .el-radio-group')!.getBoundingClientRect();
    const out: string[] = [];
    if (el.scrollWidth > el.clientWidth) out.push(`bar ${el.scrollWidth}px in ${el.clientWidth}px`);
    if (user.right > window.innerWidth) out.push(`user ends at ${Math.round(user.right)}px`);
    if (language.height > 32) out.push(`language switch ${Math.round(language.height)}px tall`);
    return out;
  });

/** At each width, in zh-CN then in English: what does not fit, as `width lang: problem`. */
async function topBarMisfits(page: Page, widths: readonly number[]): Promise<string[]> {
  const misfits: string[] = [];
  for (const [lang, radio] of [
    ['zh', '中'],
    ['en', 'EN'],
  ] as const) {
    await page.getByRole('radio', { name: radio }).click({ force: true });
    await expect
      .poll(() => page.textContent('[data-testid=pick-group]'))
      .toContain(lang === 'en' ? 'Units under' : '云川市');
    for (const width of widths) {
      await page.setViewportSize({ width, height: 720 });
      await page.screenshot({ path: screenshotPath(`shell-pickers-${width}-${lang}`) });
      for (const m of [...(await pickerOverflows(page)), ...(await barOverflows(page))])
        misfits.push(`${width} ${lang}: ${m}`);
    }
  }
  await page.getByRole('radio', { name: '中' }).click({ force: true });
  return misfits;
}

// a 1024 screen gives the pickers a second row; from 1280 they share the bar's one row with the
// basket, the language and the user. The leader's county and its siblings are the demo's longest
// names, the administrator's role the longest role
it.each(['leader', 'admin'])(
  'fits the top bar and every picker from 1024 to 1920 pixels wide, in both languages (%s)',
  async (user) => {
    const page = await env.browser.newPage({ viewport: { width: 1920, height: 720 } });
    const errors = watchConsole(page);
    await login(page, env.app.url, user);
    await page.goto(`${env.app.url}/overview?unit=990101&window=2026H1&group=siblings:990100`);
    await page.waitForSelector('[data-testid=pick-version]');
    // the laptops' 1280, 1366, 1440 and 1536, the desktops' 1600, 1680 and 1920, and the edges
    // between the bar's layouts (its captions above the selects up to 1500, no subtitle up to 1640)
    expect(
      await topBarMisfits(page, [1024, 1260, 1261, 1280, 1366, 1440, 1500, 1501, 1536, 1600, 1640, 1641, 1680, 1920]),
    ).toEqual([]);
    // the peers are named in English too, by the city's English short name
    await page.getByRole('radio', { name: 'EN' }).click({ force: true });
    expect(await page.textContent('[data-testid=pick-group]')).toContain('Units under Yunchuan');
    // the page says its language, after a reload too, and sets English in a Latin face first
    await page.reload();
    await page.waitForSelector('[data-testid=pick-version]');
    const said = () =>
      page.evaluate(() => [document.documentElement.lang, getComputedStyle(document.body).fontFamily.split(',')[0]]);
    expect(await said()).toEqual(['en', '"Segoe UI"']);
    await page.getByRole('radio', { name: '中' }).click({ force: true });
    expect(await said()).toEqual(['zh-CN', '"PingFang SC"']);
    expect(errors).toEqual([]);
  },
);
