import type { Page } from 'playwright-core';
import { expect, it } from 'vitest';
import { login, screenshotPath, transitionsDone, useAppAndBrowser, watchConsole } from './support/browser.ts';

const env = useAppAndBrowser();

/** Records Content-Security-Policy violations as the page reports them, before any app script runs. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
}

it('keeps a reporter to its own county even when the URL names another', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = watchConsole(page);
  const violations = await watchCsp(page);
  await login(page, env.app.url, 'reporter');

  await page.goto(`${env.app.url}/units/990101`);
  await page.waitForSelector('[data-testid=unit-info]');
  expect(await page.textContent('[data-testid=unit-info]')).toContain('安平县气象局');
  await page.screenshot({ path: screenshotPath('unit-own') });

  const other = (
    await env.app.handle.db.selectFrom('units').select('name').where('code', '=', '990102').executeTakeFirstOrThrow()
  ).name;
  const responses: string[] = [];
  page.on('response', async (r) => {
    if (r.url().includes('/trpc/')) responses.push(`${r.status()} ${await r.text().catch(() => '')}`);
  });
  await page.goto(`${env.app.url}/units/990102`);
  await page.waitForSelector('[data-testid=forbidden]');
  const body = (await page.textContent('body')) ?? '';
  expect(body).toContain('无权访问');
  expect(body).not.toContain(other);
  expect(await page.locator('[data-testid=unit-info]').count()).toBe(0);
  // the server refused the data, the page did not merely hide it (batched with other calls, the
  // refusal is the call's own error inside a 207)
  expect(responses.some((r) => /"code":"FORBIDDEN","httpStatus":403,"path":"units.get"/.test(r))).toBe(true);
  expect(responses.join('\n')).not.toContain(other);
  await page.screenshot({ path: screenshotPath('unit-forbidden') });

  // no admin page for a reporter: the menu lacks it and the route sends it back
  expect(await page.locator('text=用户管理').count()).toBe(0);
  expect(await violations()).toEqual([]);
  // the only console error is the browser reporting the refused request
  expect(errors.filter((e) => !/status of 403/.test(e))).toEqual([]);
});

it('lets the admin manage users, with no CSP violations anywhere', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1280, height: 720 } });
  const errors = watchConsole(page);
  const violations = await watchCsp(page);
  await login(page, env.app.url, 'admin');
  await page.waitForURL(/\/overview/);
  await page.getByText('管理', { exact: true }).click();
  // once in CI the table never came after these two clicks (the sub-menu still unfolding, most
  // likely): the item is clicked when still, and the page must then be the users' page
  await transitionsDone(page);
  await page.getByText('用户管理', { exact: true }).click();
  await page.waitForURL(/\/admin\/users$/);
  await page.waitForSelector('[data-testid=user-table] .el-table__body tr');
  const table = (await page.textContent('[data-testid=user-table]')) ?? '';
  for (const u of ['admin', 'leader', 'analyst', 'reporter']) expect(table).toContain(u);

  await page.click('[data-testid=user-create]');
  await page.fill('input[name=new-username]', 'county2');
  await page.locator('.el-dialog input').nth(1).fill('云川二县填报员');
  await page.locator('.el-dialog input[type=password]').fill('county2-password');
  await page.locator('.el-dialog input[placeholder]').last().fill('990102');
  await page.screenshot({ path: screenshotPath('users-create') });
  await page.locator('.el-dialog__footer .el-button--primary').click();
  await expect.poll(() => page.textContent('[data-testid=user-table]')).toContain('county2');
  await page.waitForSelector('.el-dialog', { state: 'hidden' });
  expect(await page.textContent('[data-testid=user-table]')).toContain('正常');
  await page.screenshot({ path: screenshotPath('users-admin') });
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});
