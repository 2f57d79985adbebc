import type { Page } from 'playwright-core';

/**
 * Picks a period in a PeriodPicker (apps/web/src/components/PeriodPicker.vue) the way a person
 * does: the grain from its select, the year from the year panel, the half or quarter from its
 * select. Returns the period string the picker now holds (its data-period).
 */
export async function pickPeriod(
  page: Page,
  testid: string,
  pick: { grain: string; year: number; index?: string },
): Promise<string | null> {
  const picker = page.locator(`[data-testid=${testid}]`);
  const choose = async (select: string, label: string) => {
    await picker.locator(select).click();
    await page.locator('.el-select-dropdown__item:visible', { hasText: label }).first().click();
  };
  await choose('[data-part=grain]', pick.grain);
  await picker.locator('.el-date-editor').click();
  await page
    .locator('.el-year-table:visible td', { hasText: String(pick.year) })
    .first()
    .click();
  if (pick.index) await choose('[data-part=index]', pick.index);
  return picker.getAttribute('data-period');
}
