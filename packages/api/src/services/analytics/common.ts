import {
  factProvenance,
  getSettings,
  indicatorFromRow,
  type MatrixIndicator,
  type MatrixRow,
  type Unit,
} from '@bixue/db';
import {
  attainmentRatio,
  type FactSource,
  formulaInputs,
  type Indicator,
  type Period,
  periodEndDate,
  periodSchema,
  periodStartDate,
  type RollupValue,
  type Settings,
  type StatusColour,
  statusOf,
  unitCodeSchema,
  windowInFuture,
  windowTarget,
} from '@bixue/domain';
import { z } from 'zod';
import type { ApiContext } from '../../context.ts';
import { InputError, NotFoundError } from '../../errors.ts';
import type { Anonymiser } from '../../peers.ts';
import { type MemberVisibility, type ReadableGroup, readableGroup } from '../../scope.ts';

/** Input pieces every analytics procedure shares; the routers, CLI and HTTP all parse with these. */
export const indicatorCodeSchema = z
  .string()
  .max(63)
  .regex(/^[a-z][a-z0-9_]{1,62}$/, '指标代码只能含小写字母、数字和下划线');
export const windowSchema = periodSchema;
export const todaySchema = z
  .string()
  .max(10)
  .regex(/^\d{4}-\d{2}-\d{2}$/, '日期应为 YYYY-MM-DD')
  .transform((s, ctx) => {
    const d = new Date(`${s}T00:00:00Z`);
    if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== s) {
      ctx.addIssue({ code: 'custom', message: `无效日期 ${s}` });
      return z.NEVER;
    }
    return d;
  });
export const groupSchema = z.string().min(3).max(120);
export { unitCodeSchema };

export function todayOr(today: Date | undefined): Date {
  return today ?? new Date();
}

/** A window that has not begun has nothing to say yet. */
export function assertNotFuture(window: Period, today: Date): void {
  if (windowInFuture(window, today))
    throw new InputError(`报告期 ${window.code} 尚未开始（今天是 ${today.toISOString().slice(0, 10)}）`, 'window');
}

export function activeRange(windows: readonly Period[]): { from: string; to: string } {
  const from = periodStartDate(windows[0]!);
  const to = periodEndDate(windows[windows.length - 1]!);
  return { from: from.toISOString().slice(0, 10), to: to.toISOString().slice(0, 10) };
}

export async function loadIndicator(ctx: ApiContext, code: string): Promise<Indicator> {
  const row = await ctx.db.selectFrom('indicators').selectAll().where('code', '=', code).executeTakeFirst();
  if (!row) throw new NotFoundError(`指标 ${code} 不存在`);
  return indicatorFromRow(row);
}

export async function loadCatalog(ctx: ApiContext): Promise<Indicator[]> {
  const rows = await ctx.db.selectFrom('indicators').selectAll().orderBy('sort_order').execute();
  return rows.map(indicatorFromRow);
}

export function assertPerMemberAllowed(i: Indicator, perMember: boolean | undefined): void {
  if (perMember && !i.perCapitaAllowed)
    throw new InputError(`指标 ${i.code}（${i.nameZh}）不能按党员人均计算`, 'perMember');
}

export function settingsFor(ctx: ApiContext, provinceCode: string): Promise<Settings> {
  return getSettings(ctx.db, provinceCode);
}

/** award_weights replace the formula's default weights of the award score. */
export function termWeights(settings: Settings): Record<string, Record<string, number>> {
  return { award_score: settings.award_weights };
}

export function rollupOf(r: MatrixRow): RollupValue {
  return { value: r.value, status: r.status, coverage: { months: r.months, of: r.span } };
}

export interface Attainment {
  actual: number | null;
  target: number | null;
  proratedTarget: number | null;
  attainment: number | null;
  status: StatusColour;
}

/** Attainment of one matrix cell; `absolute` is the value before any per-member division. */
export function attainmentOf(
  r: MatrixRow,
  indicator: Indicator,
  window: Period,
  today: Date,
  thresholds: Settings['status_thresholds'],
  absolute: number | null = r.value,
): Attainment {
  const t =
    r.target_value === null
      ? null
      : windowTarget(
          {
            annual: r.target_value,
            perCapita: r.target_per_capita ?? false,
            memberCount: r.member_count,
            aggregation: indicator.aggregation,
            derived: indicator.formula !== null,
          },
          window,
          today,
        );
  const attainment = attainmentRatio(absolute, t?.proratedTarget ?? null, indicator.direction);
  return {
    actual: absolute,
    target: t?.target ?? null,
    proratedTarget: t?.proratedTarget ?? null,
    attainment,
    status: statusOf(r.status, attainment, t, thresholds),
  };
}

/** What the caller sees of a unit: its code and name, or an anonymous peer label. */
export interface UnitLabel {
  unit: string;
  name: string;
  anonymised: boolean;
}

/**
 * Labels for the members of a group: hidden members get none, peers the viewer's anonymiser
 * label (the same 同级单位X in every chart and export), everyone else code and name.
 */
export function memberLabels(group: ReadableGroup, names: Anonymiser): Map<string, UnitLabel | null> {
  const out = new Map<string, UnitLabel | null>();
  for (const u of group.members) {
    const v: MemberVisibility = group.visibility.get(u.code) ?? 'hidden';
    if (v === 'hidden') out.set(u.code, null);
    else if (v === 'peer' && names.hidesPeers) {
      const label = names.label(u);
      out.set(u.code, { unit: label, name: label, anonymised: true });
    } else out.set(u.code, { unit: u.code, name: u.name, anonymised: false });
  }
  return out;
}

export function provinceOf(units: readonly Unit[]): string {
  return units[0]!.province_code;
}

/**
 * The members of a group the caller may see in full, for views that list every value (heatmap,
 * 报送情况): peers that rankings may show, or count without naming, stay out here.
 */
export async function ownMembers(ctx: ApiContext, groupText: string, window: Period) {
  const group = await readableGroup(ctx, groupText, { peers: true, active: activeRange([window]) });
  return { ...group, members: group.members.filter((u) => group.visibility.get(u.code) === 'full') };
}

export function asMatrixIndicator(i: Indicator, perMember: boolean): MatrixIndicator {
  return { code: i.code, formula: i.formula, direction: i.direction, perMember };
}

/** Where a number on screen came from; the report sentence when it came from a work report. */
export interface Origin {
  source: FactSource | null;
  sourceText: string | null;
  documentId: number | null;
}

export const NO_ORIGIN: Origin = { source: null, sourceText: null, documentId: null };

/** How many of the numbers behind an aggregate (综合得分, a KPI) came from each source. */
export type SourceMix = Partial<Record<FactSource, number>>;

export function sourceMix(origins: Iterable<Pick<Origin, 'source'>>): SourceMix {
  const mix: SourceMix = {};
  for (const o of origins) if (o.source) mix[o.source] = (mix[o.source] ?? 0) + 1;
  return mix;
}

/**
 * Provenance of units × indicators in a window, fetched in one query. A derived indicator's
 * origin is its parts': 整改完成率 points at the sentences of 查摆问题 and 完成整改.
 */
export async function originsFor(
  ctx: ApiContext,
  units: readonly string[],
  indicators: readonly Pick<Indicator, 'code' | 'formula'>[],
  window: Period,
): Promise<(unit: string, indicator: string) => Origin> {
  const partsOf = new Map(indicators.map((i) => [i.code, i.formula ? formulaInputs(i.formula) : [i.code]]));
  const rows = await factProvenance(
    ctx.db,
    units,
    [...new Set([...partsOf.values()].flat())],
    window.startMonth,
    window.endMonth,
  );
  const byKey = new Map(rows.map((p) => [`${p.unit_code}|${p.indicator_code}`, p]));
  return (unit, indicator) => {
    const found = (partsOf.get(indicator) ?? [indicator]).flatMap((part) => byKey.get(`${unit}|${part}`) ?? []);
    const p = found.find((x) => x.source_text !== null) ?? found[0];
    return p ? { source: p.source, sourceText: p.source_text, documentId: p.document_id } : NO_ORIGIN;
  };
}
