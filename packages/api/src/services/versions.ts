import {
  type ConfigChanges,
  configChanges,
  dataVersion,
  factChanges,
  type FactChange,
  recentVersions,
  type VersionEntry,
} from '@bixue/db';
import { unitCodeSchema } from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../context.ts';
import { InputError } from '../errors.ts';
import { readableUnit } from '../scope.ts';
import { versionSchema } from './analytics/judged-window.ts';

export const versionsCurrentInput = z.object({ unit: unitCodeSchema });

/** The data version of a unit's province now: what the web's version picker counts back from. */
export async function versionsCurrent(
  ctx: ApiContext,
  input: z.output<typeof versionsCurrentInput>,
): Promise<{ province: string; current: number }> {
  const unit = await readableUnit(ctx, input.unit);
  return { province: unit.province_code, current: await dataVersion(ctx.db, unit.province_code) };
}

export const versionsListInput = z.object({
  unit: unitCodeSchema,
  /** how many of the newest versions; the picker shows a screenful */
  limit: z.number().int().min(1).max(100).optional(),
  /** listed as well however old: the version the view is drawn as of (the banner names its time) */
  include: versionSchema.optional(),
});

export interface VersionsList {
  province: string;
  current: number;
  /** newest first: the versions that wrote facts of the unit's subtree, with when, who and what */
  versions: VersionEntry[];
}

/**
 * The recent data versions a view can be drawn "as of" (the web's version picker): those that
 * changed facts the caller may see under `unit`, newest first, with when, who and from what.
 */
export async function versionsList(ctx: ApiContext, input: z.output<typeof versionsListInput>): Promise<VersionsList> {
  const unit = await readableUnit(ctx, input.unit);
  const current = await dataVersion(ctx.db, unit.province_code);
  return {
    province: unit.province_code,
    current,
    versions: await recentVersions(ctx.db, unit, { current, limit: input.limit ?? 30, include: input.include }),
  };
}

export const versionsDiffInput = z.object({
  /** the province, or a unit of it: the changes of its subtree; versions are its province's */
  unit: unitCodeSchema,
  from: versionSchema,
  /** default: the current version */
  to: versionSchema.optional(),
});
export type VersionsDiffInput = z.output<typeof versionsDiffInput>;

export interface VersionsDiff extends ConfigChanges {
  province: string;
  unit: string;
  from: number;
  to: number;
  /** the province's data version now */
  current: number;
  changes: FactChange[];
}

/**
 * What changed between two data versions (domain.md §9): each fact of the unit's subtree whose
 * value or status differs, as it was and as it became, with every audited step between — who,
 * when, from which source and, for a correction, why — and each change of the targets, settings
 * and reporting periods those versions made, with who, when and why (they change views too).
 */
export async function versionsDiff(ctx: ApiContext, input: VersionsDiffInput): Promise<VersionsDiff> {
  const unit = await readableUnit(ctx, input.unit);
  const current = await dataVersion(ctx.db, unit.province_code);
  const to = input.to ?? current;
  if (to > current)
    throw new InputError(
      {
        zh: `数据版本 v${to} 不存在（当前为 v${current}）`,
        en: `Data version v${to} does not exist (the current one is v${current})`,
      },
      'to',
    );
  if (input.from > to)
    throw new InputError(
      {
        zh: `起始版本 v${input.from} 晚于结束版本 v${to}`,
        en: `Start version v${input.from} is later than end version v${to}`,
      },
      'from',
    );
  return {
    province: unit.province_code,
    unit: unit.code,
    from: input.from,
    to,
    current,
    changes: await factChanges(ctx.db, unit, input.from, to),
    ...(await configChanges(ctx.db, unit, input.from, to)),
  };
}
