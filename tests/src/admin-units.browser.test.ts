import { expect, it } from 'vitest';
import { apiAs, login, screenshotPath, useAppAndBrowser, watchConsole } from './support/browser.ts';

const env = useAppAndBrowser();

const csvFile = (lines: string[]) => ({
  name: 'units.csv',
  mimeType: 'text/csv',
  buffer: Buffer.from(`code,name,level,parent_code\n${lines.join('\n')}\n`, 'utf8'),
});

it('imports units from a CSV after a preview that names problems by row, then adds one by form', async () => {
  const page = await env.browser.newPage({ viewport: { width: 1600, height: 1000 } });
  const errors = watchConsole(page);
  await login(page, env.app.url, 'admin');
  await page.goto(`${env.app.url}/admin/units`);
  await page.waitForSelector('[data-testid=units-admin-tree] .el-tree-node');

  // 995000 is free in the demo province (its cities are 990100 … 991400); row 4's parent exists nowhere
  const lines = ['995000,望海市气象局,city,990000', '995001,潮音县气象局,county,995000'];
  await page.setInputFiles('[data-testid=units-file]', csvFile([...lines, '995002,远岸县气象局,county,995900']));
  await page.waitForSelector('[data-testid=units-problems]');
  const problems = (await page.textContent('[data-testid=units-problems]')) ?? '';
  expect(problems).toContain('parent_code');
  expect(problems).toContain('上级单位不存在');
  expect(problems).toContain('上级单位 995900 不存在');
  expect(await page.locator('[data-testid=units-problems] .el-table__body tr').first().textContent()).toMatch(/^4/);
  expect(await page.isDisabled('[data-testid=units-commit]')).toBe(true);

  await page.setInputFiles('[data-testid=units-file]', csvFile([...lines, '995002,远岸县气象局,county,995000']));
  await expect.poll(() => page.locator('[data-testid=units-problems]').count()).toBe(0);
  expect(await page.textContent('[data-testid=units-preview-counts]')).toContain('新增 3');
  // the preview wrote nothing
  const admin = await apiAs(env.app, 'admin');
  const codes = async () => JSON.stringify(await admin.units.tree());
  expect(await codes()).not.toContain('995000');
  await page.screenshot({ path: screenshotPath('admin-units-preview'), fullPage: true });

  await page.click('[data-testid=units-commit]');
  await expect.poll(() => page.textContent('[data-testid=units-admin-tree]')).toContain('望海市气象局');
  for (const code of ['995000', '995001', '995002']) expect(await codes()).toContain(`"${code}"`);

  // one more county by form: its level follows from the parent chosen
  await page.click('[data-testid=units-add-parent]');
  await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '望海市气象局' }).click();
  expect(await page.textContent('[data-testid=units-add-level]')).toBe('县局');
  await page.fill('[data-testid=units-add-code]', '995003');
  await page.fill('[data-testid=units-add-name]', '观澜县气象局');
  await page.click('[data-testid=units-add-save]');
  await expect.poll(codes).toContain('"995003"');
  await page.screenshot({ path: screenshotPath('admin-units'), fullPage: true });

  // the units tree of 单位与指标 has them, under their city
  await page.goto(`${env.app.url}/catalog`);
  await page.waitForSelector('[data-testid=unit-tree] .el-tree-node');
  await page.locator('[data-testid=unit-tree] .el-tree-node__content', { hasText: '望海市气象局' }).click();
  await expect.poll(() => page.textContent('[data-testid=unit-tree]')).toContain('观澜县气象局');
  expect(await page.textContent('[data-testid=unit-tree]')).toContain('潮音县气象局');

  await page.goto(`${env.app.url}/admin/units`);
  await page.getByRole('radio', { name: 'EN' }).click({ force: true });
  await expect.poll(() => page.textContent('[data-testid=units-import]')).toContain('Import units from CSV');
  // the problems in English, the server's words as well as their names
  await page.setInputFiles('[data-testid=units-file]', csvFile(['995004,远岸县气象局,county,995901']));
  await page.waitForSelector('[data-testid=units-problems]');
  const english = (await page.textContent('[data-testid=units-problems]')) ?? '';
  expect(english).toContain('Parent unit not found');
  expect(english).toContain('Parent unit 995901 does not exist');
  expect(english).not.toMatch(/\p{Script=Han}/u);
  expect(errors).toEqual([]);
});
