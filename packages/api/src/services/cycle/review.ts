import { draftsOf, getUnit, listIndicators, plausibleBoundsOf, readFacts } from '@bixue/db';
import { checkFactValue, type FactRuleCode, parsePeriod, withPlausibleBound } from '@bixue/domain';
import type { ApiContext } from '../../context.ts';
import { ForbiddenError, NotFoundError } from '../../errors.ts';
import { inScope, requirePrincipal } from '../../scope.ts';
import { requirePeriod } from './periods.ts';

export interface ReviewLine {
  indicator: string;
  nameZh: string;
  nameEn: string;
  unit: string;
  period: string;
  /** what counts now (approved), null when nothing was approved */
  approved: number | null;
  approvedStatus: 'value' | 'undisclosed' | 'missing';
  /** the submission's figure */
  draft: number | null;
  /** 'missing': the unit takes the approved figure back; approving deletes it */
  draftStatus: 'value' | 'undisclosed' | 'missing';
  /** a pending removal of the approved figure */
  removal: boolean;
  changed: boolean;
}

export interface ReviewWarning {
  indicator: string | null;
  code: 'missing_required' | FactRuleCode | 'big_change';
  message: string;
  messageEn: string;
}

/** A change this large against the approved figure gets a second look (×3 up or to a third). */
const BIG_CHANGE = 3;

/**
 * What a submission changes against the last approved data, with the validators' warnings: the
 * superior reads this before 审核通过 / 退回. Drafts are visible to the unit and its superiors only.
 */
export async function reviewSubmission(ctx: ApiContext, input: { unit: string; period: string }) {
  const p = requirePrincipal(ctx);
  const unit = await getUnit(ctx.db, input.unit);
  if (!unit) throw new NotFoundError({ zh: `单位 ${input.unit} 不存在`, en: `Unit ${input.unit} does not exist` });
  if (!inScope(p, unit))
    throw new ForbiddenError({
      zh: `无权查看单位 ${unit.code} 的报送`,
      en: `The submission of unit ${unit.code} is outside your scope`,
    });
  const period = await requirePeriod(ctx, unit.province_code, input.period);
  const task = await ctx.db
    .selectFrom('unit_tasks')
    .selectAll()
    .where('unit_code', '=', unit.code)
    .where('period', '=', period.period)
    .executeTakeFirst();
  // warned by the province's own plausible bounds, as the write path will judge them
  const bounds = (await plausibleBoundsOf(ctx.db, [unit.province_code])).get(unit.province_code);
  const indicators = new Map((await listIndicators(ctx.db)).map((i) => [i.code, withPlausibleBound(i, bounds)]));
  const drafts = await draftsOf(ctx.db, [unit.code], period.start_month, period.end_month);
  const approved = await readFacts(
    ctx.db,
    drafts.map((d) => ({ unitCode: d.unit_code, indicatorCode: d.indicator_code, period: d.period })),
  );
  const lines: ReviewLine[] = [];
  const warnings: ReviewWarning[] = [];
  for (const d of drafts) {
    const ind = indicators.get(d.indicator_code);
    if (!ind) continue;
    const f = approved.get(`${d.unit_code}\u0000${d.indicator_code}\u0000${d.period}`);
    const approvedStatus = f?.status ?? 'missing';
    lines.push({
      indicator: d.indicator_code,
      nameZh: ind.nameZh,
      nameEn: ind.nameEn,
      unit: ind.unit,
      period: d.period,
      approved: f?.value ?? null,
      approvedStatus,
      draft: d.value,
      draftStatus: d.status,
      removal: d.status === 'missing',
      changed: approvedStatus !== d.status || (f?.value ?? null) !== d.value,
    });
    if (d.value !== null) {
      const problem = checkFactValue(ind, parsePeriod(d.period), d.value);
      if (problem)
        warnings.push({
          indicator: d.indicator_code,
          code: problem.code,
          message: problem.message,
          messageEn: problem.messageEn,
        });
      const old = f?.value;
      if (old && old > 0 && (d.value >= old * BIG_CHANGE || d.value * BIG_CHANGE <= old))
        warnings.push({
          indicator: d.indicator_code,
          code: 'big_change',
          message: `${ind.nameZh} 由 ${old}${ind.unit} 变为 ${d.value}${ind.unit}，变化较大，请核实`,
          messageEn: `${ind.nameEn} changes from ${old} to ${d.value}, a large change: please check it`,
        });
    }
  }
  // monthly figures count too: 支委会 may come month by month
  const approvedCodes = await ctx.db
    .selectFrom('facts')
    .select('indicator_code')
    .distinct()
    .where('unit_code', '=', unit.code)
    .where('start_month', '>=', period.start_month)
    .where('end_month', '<=', period.end_month)
    .execute();
  const entered = new Set([...drafts.map((d) => d.indicator_code), ...approvedCodes.map((r) => r.indicator_code)]);
  for (const code of period.required[unit.level] ?? []) {
    if (entered.has(code)) continue;
    const ind = indicators.get(code);
    warnings.push({
      indicator: code,
      code: 'missing_required',
      message: `必报指标 ${ind?.nameZh ?? code} 未填报`,
      messageEn: `Required indicator ${ind?.nameEn ?? code} is not reported`,
    });
  }
  return {
    unit: { code: unit.code, name: unit.name, level: unit.level },
    period: period.period,
    state: task?.state ?? null,
    comment: task?.comment ?? null,
    lines,
    warnings,
  };
}
