import { getSettings, type Unit } from '@bixue/db';
import { type Indicator, type Period, periodEndDate, periodStartDate, type Settings } from '@bixue/domain';
import type { ApiContext } from '../../context.ts';
import { NotFoundError } from '../../errors.ts';
import { loadCatalog } from '../../reference.ts';
import type { ReadPoint } from './judged-window.ts';

export async function loadIndicator(ctx: ApiContext, code: string): Promise<Indicator> {
  const indicator = (await loadCatalog(ctx)).find((i) => i.code === code);
  if (!indicator) throw new NotFoundError({ zh: `指标 ${code} 不存在`, en: `Indicator ${code} does not exist` });
  return indicator;
}

/**
 * The province's settings where the answer reads: as they stood at its version, else the current
 * ones — except who may see what (anonymise_peers, peer_min_others), which is always today's rule:
 * drawing an old view again must not show a viewer what the province has since chosen to hide.
 */
export async function settingsFor(ctx: ApiContext, provinceCode: string, read: ReadPoint): Promise<Settings> {
  if (read.atVersion === null) return getSettings(ctx.db, provinceCode);
  const [then, now] = await Promise.all([
    getSettings(ctx.db, provinceCode, read.atVersion.version),
    getSettings(ctx.db, provinceCode),
  ]);
  return { ...then, anonymise_peers: now.anonymise_peers, peer_min_others: now.peer_min_others };
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
