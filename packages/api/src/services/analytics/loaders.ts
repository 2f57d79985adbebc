import { getSettings, indicatorFromRow, type Unit } from '@bixue/db';
import { type Indicator, type Period, periodEndDate, periodStartDate, type Settings } from '@bixue/domain';
import type { ApiContext } from '../../context.ts';
import { NotFoundError } from '../../errors.ts';

export async function loadIndicator(ctx: ApiContext, code: string): Promise<Indicator> {
  const row = await ctx.db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw new NotFoundError(`指标 ${code} 不存在`);
  return indicatorFromRow(row);
}

export async function loadCatalog(ctx: ApiContext): Promise<Indicator[]> {
  const rows = await ctx.db.selectFrom('indicators').selectAll().orderBy('sort_order').execute();
  return rows.map(indicatorFromRow);
}

export function settingsFor(ctx: ApiContext, provinceCode: string): Promise<Settings> {
  return getSettings(ctx.db, provinceCode);
}

export function provinceOf(units: readonly Unit[]): string {
  return units[0]!.province_code;
}

/** The dates the windows span, to load the units that existed at some point of them. */
export function activeRange(windows: readonly Period[]): { from: string; to: string } {
  const from = periodStartDate(windows[0]!);
  const to = periodEndDate(windows[windows.length - 1]!);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}
