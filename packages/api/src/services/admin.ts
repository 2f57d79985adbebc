import { changeSetting, getSettings, listIndicators, type TargetScope, writeTargets } from '@bixue/db';
import { defaultPhasing, type Level, type Phasing, type SettingKey, type Settings } from '@bixue/domain';
import type { ApiContext } from '../context.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { adminProvince, requirePrincipal } from '../scope.ts';

export interface TargetInput {
  id?: number | undefined;
  indicatorCode: string;
  level: Level | null;
  unitCode: string | null;
  year: number | null;
  value: number;
  perCapita: boolean;
  /** how it falls due through the year; a new target without one takes its indicator's default */
  phasing?: Phasing | undefined;
  provinceCode?: string | undefined;
  /** why: kept with the change in target_audit, shown by the versions' diff */
  reason?: string | undefined;
}

export async function listTargets(ctx: ApiContext, input: { provinceCode?: string | undefined } = {}) {
  const province = adminProvince(ctx, input.provinceCode);
  const rows = await ctx.db
    .selectFrom('targets')
    .selectAll()
    .where('province_code', '=', province)
    .orderBy('indicator_code')
    .orderBy('level')
    .orderBy('unit_code')
    .orderBy('year')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    indicatorCode: r.indicator_code,
    level: r.level,
    unitCode: r.unit_code,
    year: r.year,
    value: r.value,
    perCapita: r.per_capita,
    phasing: { kind: r.phasing, dueMonth: r.due_month },
  }));
}

async function unitOfProvince(ctx: ApiContext, province: string, code: string) {
  const unit = await ctx.db
    .selectFrom('units')
    .select(['code', 'province_code'])
    .where('code', '=', code)
    .executeTakeFirst();
  if (!unit || unit.province_code !== province)
    throw new InputError({ zh: `单位 ${code} 不属于本省`, en: `Unit ${code} is not in your province` }, 'unitCode');
  return unit;
}

/** The scope of a province's target row by id; not found outside the province. */
async function targetScope(ctx: ApiContext, province: string, id: number): Promise<TargetScope> {
  const row = await ctx.db
    .selectFrom('targets')
    .select(['indicator_code', 'level', 'unit_code', 'year'])
    .where('id', '=', id)
    .where('province_code', '=', province)
    .executeTakeFirst();
  if (!row) throw new NotFoundError({ zh: `目标 ${id} 不存在`, en: `Target ${id} does not exist` });
  return { indicatorCode: row.indicator_code, level: row.level, unitCode: row.unit_code, year: row.year };
}

const sameScope = (a: TargetScope, b: TargetScope) =>
  a.indicatorCode === b.indicatorCode && a.level === b.level && a.unitCode === b.unitCode && a.year === b.year;

/**
 * Creates or replaces the target for (indicator, level or unit, year); with `id`, that row moves
 * to this scope. Written through the versioned write path (writeTargets), so the change creates a
 * data version and a view drawn as of an earlier one keeps the old target.
 */
export async function saveTarget(ctx: ApiContext, input: TargetInput) {
  const province = adminProvince(ctx, input.provinceCode);
  if ((input.level === null) === (input.unitCode === null))
    throw new InputError(
      { zh: '目标须指定级别或单位之一', en: 'A target must name either a level or a unit, not both' },
      'level',
    );
  if (input.unitCode) await unitOfProvince(ctx, province, input.unitCode);
  const indicator = await ctx.db
    .selectFrom('indicators')
    .select('code')
    .where('code', '=', input.indicatorCode)
    .executeTakeFirst();
  if (!indicator)
    throw new InputError(
      { zh: `指标 ${input.indicatorCode} 不存在`, en: `Indicator ${input.indicatorCode} does not exist` },
      'indicatorCode',
    );
  const phasing = input.phasing ?? defaultPhasing(input.indicatorCode);
  const scope: TargetScope = {
    indicatorCode: input.indicatorCode,
    level: input.level,
    unitCode: input.unitCode,
    year: input.year,
  };
  const moved = input.id === undefined ? null : await targetScope(ctx, province, input.id);
  const to = { value: input.value, perCapita: input.perCapita, phasing: phasing.kind, dueMonth: phasing.dueMonth };
  const writes = [...(moved && !sameScope(moved, scope) ? [{ scope: moved, to: null }] : []), { scope, to }];
  const { ids } = await writeTargets(ctx.db, province, writes, {
    user: requirePrincipal(ctx).username,
    reason: input.reason || null,
  });
  return { id: ids[ids.length - 1]! };
}

export async function deleteTarget(
  ctx: ApiContext,
  input: { id: number; provinceCode?: string | undefined; reason?: string | undefined },
) {
  const province = adminProvince(ctx, input.provinceCode);
  const scope = await targetScope(ctx, province, input.id);
  await writeTargets(ctx.db, province, [{ scope, to: null }], {
    user: requirePrincipal(ctx).username,
    reason: input.reason || null,
  });
}

export async function provinceSettings(
  ctx: ApiContext,
  input: { provinceCode?: string | undefined } = {},
): Promise<Settings> {
  return getSettings(ctx.db, adminProvince(ctx, input.provinceCode));
}

export async function updateSetting<K extends SettingKey>(
  ctx: ApiContext,
  input: { key: K; value: Settings[K]; provinceCode?: string | undefined; reason?: string | undefined },
) {
  const province = adminProvince(ctx, input.provinceCode);
  await changeSetting(ctx.db, province, input.key, input.value, {
    user: requirePrincipal(ctx).username,
    reason: input.reason || null,
  });
  return getSettings(ctx.db, province);
}

/**
 * One indicator's plausible bound for the admin's province (settings `plausible_bounds`); null
 * goes back to the catalog's. Values beyond it are then warnings the person confirms.
 */
export async function setPlausibleBound(
  ctx: ApiContext,
  input: { indicator: string; value: number | null; provinceCode?: string | undefined },
) {
  const province = adminProvince(ctx, input.provinceCode);
  const indicator = (await listIndicators(ctx.db)).find((i) => i.code === input.indicator);
  if (!indicator)
    throw new NotFoundError({
      zh: `指标 ${input.indicator} 不存在`,
      en: `Indicator ${input.indicator} does not exist`,
    });
  if (indicator.formula)
    throw new InputError(
      {
        zh: `${indicator.nameZh} 由其他指标计算得出，不填报，没有合理上限`,
        en: `${indicator.nameEn} is calculated from other indicators and is not reported, so it has no plausible bound`,
      },
      'indicator',
    );
  const { [indicator.code]: _old, ...others } = (await getSettings(ctx.db, province)).plausible_bounds;
  const next = input.value === null ? others : { ...others, [indicator.code]: input.value };
  return updateSetting(ctx, { key: 'plausible_bounds', value: next, provinceCode: province });
}

export async function listPeerGroups(ctx: ApiContext, input: { provinceCode?: string | undefined } = {}) {
  const province = adminProvince(ctx, input.provinceCode);
  const groups = await ctx.db
    .selectFrom('peer_groups')
    .selectAll()
    .where('province_code', '=', province)
    .orderBy('name')
    .execute();
  const members = groups.length
    ? await ctx.db
        .selectFrom('peer_group_members')
        .selectAll()
        .where(
          'group_id',
          'in',
          groups.map((g) => g.id),
        )
        .orderBy('unit_code')
        .execute()
    : [];
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    description: g.description,
    members: members.filter((m) => m.group_id === g.id).map((m) => m.unit_code),
  }));
}

async function ownGroup(ctx: ApiContext, province: string, id: number) {
  const g = await ctx.db
    .selectFrom('peer_groups')
    .selectAll()
    .where('id', '=', id)
    .where('province_code', '=', province)
    .executeTakeFirst();
  if (!g) throw new NotFoundError({ zh: `同级组 ${id} 不存在`, en: `Peer group ${id} does not exist` });
  return g;
}

async function assertFreeName(ctx: ApiContext, province: string, name: string, exceptId?: number) {
  const clash = await ctx.db
    .selectFrom('peer_groups')
    .select('id')
    .where('province_code', '=', province)
    .where('name', '=', name)
    .executeTakeFirst();
  if (clash && clash.id !== exceptId)
    throw new InputError(
      { zh: `同级组名称“${name}”已存在`, en: `A peer group named "${name}" already exists` },
      'name',
    );
}

export async function createPeerGroup(
  ctx: ApiContext,
  input: {
    name: string;
    description?: string | undefined;
    members?: string[] | undefined;
    provinceCode?: string | undefined;
  },
) {
  const province = adminProvince(ctx, input.provinceCode);
  await assertFreeName(ctx, province, input.name);
  const { id } = await ctx.db
    .insertInto('peer_groups')
    .values({ province_code: province, name: input.name, description: input.description ?? '' })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (input.members?.length)
    await setPeerGroupMembers(ctx, { id, members: input.members, provinceCode: input.provinceCode });
  return { id };
}

export async function renamePeerGroup(
  ctx: ApiContext,
  input: { id: number; name: string; description?: string | undefined; provinceCode?: string | undefined },
) {
  const province = adminProvince(ctx, input.provinceCode);
  await ownGroup(ctx, province, input.id);
  await assertFreeName(ctx, province, input.name, input.id);
  await ctx.db
    .updateTable('peer_groups')
    .set({ name: input.name, ...(input.description !== undefined ? { description: input.description } : {}) })
    .where('id', '=', input.id)
    .execute();
}

export async function deletePeerGroup(ctx: ApiContext, input: { id: number; provinceCode?: string | undefined }) {
  const province = adminProvince(ctx, input.provinceCode);
  await ownGroup(ctx, province, input.id);
  await ctx.db.deleteFrom('peer_groups').where('id', '=', input.id).execute();
}

/** Replaces the members: every unit must belong to the admin's province. */
export async function setPeerGroupMembers(
  ctx: ApiContext,
  input: { id: number; members: string[]; provinceCode?: string | undefined },
) {
  const province = adminProvince(ctx, input.provinceCode);
  await ownGroup(ctx, province, input.id);
  const unique = [...new Set(input.members)];
  const found = unique.length
    ? await ctx.db
        .selectFrom('units')
        .select('code')
        .where('code', 'in', unique)
        .where('province_code', '=', province)
        .execute()
    : [];
  const missing = unique.filter((c) => !found.some((f) => f.code === c));
  if (missing.length)
    throw new InputError(
      {
        zh: `单位 ${missing.join('、')} 不存在或不属于本省`,
        en: `Units ${missing.join(', ')} do not exist or are not in your province`,
      },
      'members',
    );
  await ctx.db.transaction().execute(async (trx) => {
    await trx.deleteFrom('peer_group_members').where('group_id', '=', input.id).execute();
    if (unique.length)
      await trx
        .insertInto('peer_group_members')
        .values(unique.map((unit_code) => ({ group_id: input.id, unit_code })))
        .execute();
  });
}
