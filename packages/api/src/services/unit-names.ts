import { type UnitNamesEn, unitNamesEn } from '@bixue/domain/unit-names-en';
import type { ApiContext } from '../context.ts';
import { unitFor } from '../scope.ts';

export interface SetUnitNameEn {
  unit: string;
  /** null: shown romanised */
  nameEn: string | null;
  shortNameEn: string | null;
}

/** What a unit is called in English now: the names shown, and which of them an admin stored. */
export interface UnitEnglishNames extends UnitNamesEn {
  code: string;
  stored: { nameEn: string | null; shortNameEn: string | null };
}

/**
 * 管理 → 单位: an admin names a unit of its scope in English, or clears the names back to the
 * romanised ones. Answers kept under the old names go with the new config stamp that every
 * mutation gives the caller's province (trpc.ts), which is the unit's: an admin's scope is one
 * province, the operator's every one.
 */
export async function setUnitNameEn(ctx: ApiContext, input: SetUnitNameEn): Promise<UnitEnglishNames> {
  const unit = await unitFor(ctx, input.unit, 'admin');
  await ctx.db
    .updateTable('units')
    .set({ name_en: input.nameEn, short_name_en: input.shortNameEn })
    .where('code', '=', unit.code)
    .execute();
  const stored = { name: unit.name, name_en: input.nameEn, short_name_en: input.shortNameEn };
  return {
    code: unit.code,
    ...unitNamesEn(stored),
    stored: { nameEn: input.nameEn, shortNameEn: input.shortNameEn },
  };
}
