import { parsePeriod, periodLabel } from '@bixue/domain';
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

// a 1280 laptop holds the pickers in the bar's one row; on a 1024 screen they take a second row
it.each([1280, 1024])('fits every top-bar picker in its box %i pixels wide, in both languages', async (width) => {
  const page = await env.browser.newPage({ viewport: { width, height: 720 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'leader');
  // the longest names the demo has: a county under its city, compared with its siblings
  await page.goto(`${env.app.url}/overview?unit=990101&window=2026H1&group=siblings:990100`);
  await page.waitForSelector('[data-testid=pick-version]');
  /**
   * Per picker: its caption is shown, and neither the caption nor what the select shows runs past
   * its own box or the picker's, nor the picker past the bar's height. Empty when all fit.
   */
  const overflows = () =>
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
  await expect.poll(() => page.textContent('[data-testid=pick-group]')).toContain('云川市');
  await page.screenshot({ path: screenshotPath(`shell-pickers-${width}-zh`) });
  expect(await overflows()).toEqual([]);
  // and the bar itself holds them all: nothing runs past the window's edge, the user's name included
  const barFits = () =>
    page.evaluate(() => {
      const el = document.querySelector<HTMLElement>('.topbar')!;
      const user = document.querySelector<HTMLElement>('[data-testid=current-user]')!.getBoundingClientRect();
      return el.scrollWidth <= el.clientWidth && user.right <= window.innerWidth;
    });
  expect(await barFits()).toBe(true);
  await page.getByRole('radio', { name: 'EN' }).click({ force: true });
  await expect.poll(() => page.textContent('[data-testid=pick-window]')).toContain('2026');
  // the peers are named in English too, by the city's English short name
  expect(await page.textContent('[data-testid=pick-group]')).toContain('Units under Yunchuan');
  await page.screenshot({ path: screenshotPath(`shell-pickers-${width}-en`) });
  expect(await overflows()).toEqual([]);
  expect(await barFits()).toBe(true);
  await page.getByRole('radio', { name: '中' }).click({ force: true });
  expect(errors).toEqual([]);
});
