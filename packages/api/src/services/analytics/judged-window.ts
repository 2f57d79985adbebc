import { type AsOf, type AtVersion, dataVersion, getSettings, readProvinceState, resolveAsOf } from '@bixue/db';
import {
  asOfLabel,
  checkMessage,
  clipWindow,
  type JudgedWindow,
  monthCode,
  type Period,
  periodLabel,
  tryParseMonth,
} from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { InputError } from '../../errors.ts';
import { readableUnit } from '../../scope.ts';
import { assertNotFuture, todayOr, todaySchema, unitCodeSchema } from './inputs.ts';

/** What every analytics answer says about the months it judged (数据截至…). */
export interface AsOfFields {
  /** the data as-of month in effect, 'YYYY-MM' */
  asOf: string;
  /** true when the window reaches past it and was judged on the months up to it */
  clipped: boolean;
  /** the province's data version the answer was drawn from (the one asked for, else the current one) */
  dataVersion: number;
  /** drafts were counted (the province's count_unapproved): screens and files say 含未审核数据 */
  unapproved: boolean;
}

/** `version N`: draw the view from the facts, targets and settings as they stood at the province's data version N. */
export const versionSchema = z.union([
  z.number().int().min(0).max(Number.MAX_SAFE_INTEGER),
  z
    .string()
    .max(15)
    .regex(
      /^\d{1,15}$/,
      checkMessage({ zh: '数据版本应为非负整数', en: 'A data version is a whole number, 0 or more' }),
    )
    .transform(Number),
]);

/**
 * Where an answer reads its facts: the current facts (drafts overlaid when the province counts
 * them), or the facts as they stood at a past data version — approved facts only, as versions
 * number the writes of approved facts (domain.md §9) — judged against the targets, settings and
 * as-of month of that version too, as their writes are versioned alike (issue 18).
 */
export interface ReadPoint {
  dataVersion: number;
  /** null: read the current facts */
  atVersion: AtVersion | null;
  /** overlay drafts on the facts */
  drafts: boolean;
}

/** A window judged against the as-of month, with the data version it is read at. */
export type Judged = JudgedWindow & { read: ReadPoint };

/**
 * The months a window is judged on (domain.md §5): the window clipped to the province's data
 * as-of month — `asOf` given (CLI `--as-of`), else resolveAsOf: the admin's setting, the latest
 * closed period, the last complete month before `today`. A window that has not begun, or begins
 * after the as-of month, has nothing to judge yet: a clear error naming the field.
 */
export async function judgeWindow(
  ctx: ApiContext,
  provinceCode: string,
  window: Period,
  input: { today?: Date | undefined; asOf?: number | undefined; version?: number | undefined },
): Promise<Judged> {
  const today = todayOr(input.today);
  assertNotFuture(window, today);
  // the settings, the latest closed period and the data version below, in one round trip
  await readProvinceState(ctx.db, provinceCode);
  const read = await readPoint(ctx, provinceCode, input.version);
  const asOf =
    input.asOf ??
    tryParseMonth((await resolveAsOf(ctx.db, provinceCode, today, read.atVersion?.version ?? null)).month)!;
  const judged = clipWindow(window, asOf);
  if (!judged)
    throw new InputError(
      {
        zh: `报告期 ${periodLabel(window)} 还没有可评价的数据（${asOfLabel(asOf)}）`,
        en: `Period ${periodLabel(window, 'en')} has no data to assess yet (${asOfLabel(asOf, 'en')})`,
      },
      'window',
    );
  return { ...judged, read };
}

/** The data version a view reads at: the one asked for (never past the current one), else the current. */
export async function readPoint(
  ctx: ApiContext,
  provinceCode: string,
  version: number | undefined,
): Promise<ReadPoint> {
  const [current, settings] = await Promise.all([dataVersion(ctx.db, provinceCode), getSettings(ctx.db, provinceCode)]);
  if (version !== undefined && version > current)
    throw new InputError(
      {
        zh: `数据版本 v${version} 不存在（当前为 v${current}）`,
        en: `Data version v${version} does not exist (the current one is v${current})`,
      },
      'version',
    );
  if (version === undefined || version === current)
    return { dataVersion: current, atVersion: null, drafts: version === undefined && settings.count_unapproved };
  return { dataVersion: version, atVersion: { province: provinceCode, version }, drafts: false };
}

/** What analyticsMatrix needs of a read point. */
export function factsAt(read: ReadPoint): { drafts: boolean; atVersion: AtVersion | null } {
  return { drafts: read.drafts, atVersion: read.atVersion };
}

export function asOfFields(judged: Judged): AsOfFields {
  return {
    asOf: monthCode(judged.asOf),
    clipped: judged.clipped,
    dataVersion: judged.read.dataVersion,
    unapproved: judged.read.drafts,
  };
}

export const dataAsOfInput = z.object({ unit: unitCodeSchema, today: todaySchema.optional() });
export type DataAsOfInput = z.output<typeof dataAsOfInput>;

/** The data as-of month of a unit's province, and where it came from: what 序时进度 and card titles say. */
export async function dataAsOf(ctx: ApiContext, input: DataAsOfInput): Promise<AsOf> {
  const unit = await readableUnit(ctx, input.unit);
  return resolveAsOf(ctx.db, unit.province_code, todayOr(input.today));
}
