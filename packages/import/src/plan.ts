import {
  absMonthOfDate,
  checkFactValue,
  checkUnitActive,
  type CoarseConflict,
  type FinerUnderCoarse,
  type Indicator,
  periodCodeLabel,
  withPlausibleBound,
} from '@bixue/domain';
import {
  type Database,
  eventLoopTurns,
  factKey,
  findCoarseConflicts,
  findFinerUnderCoarse,
  type PlannedSpan,
  readFacts,
  type StoredFact,
  type Unit,
} from '@bixue/db';
import type { Kysely, Transaction } from 'kysely';
import type { ImportProblem, ImportWarning } from './problems.ts';
import { type CellValue, type SheetTable, shortText } from './table.ts';
import { checkPeriod, indicatorMatcher, parseValue } from './values.ts';

export const LONG_COLUMNS = { unit: 'unit_code', indicator: 'indicator', period: 'period', value: 'value' } as const;
export const WIDE_COLUMNS = { unit: '单位代码', name: '单位名称', period: '报告期' } as const;

export type PlanUnit = Pick<Unit, 'code' | 'name' | 'path' | 'level' | 'active_from' | 'active_to'>;

export interface PlanContext {
  /** the catalog; derived indicators are refused */
  indicators: readonly Indicator[];
  units: ReadonlyMap<string, PlanUnit>;
  /** whether the caller may write facts of this unit */
  canWrite(unit: PlanUnit): boolean;
  /** whether the caller may read this unit (a problem names only units the caller may see) */
  canSee(unit: PlanUnit): boolean;
  today: Date;
  /** the unit's province's own plausible bounds (settings `plausible_bounds`); none: the catalog's */
  plausibleBounds?(unit: PlanUnit): Readonly<Record<string, number>> | undefined;
}

export type FactAction = 'insert' | 'update' | 'unchanged';

export interface PlannedFact {
  row: number;
  column: string;
  unitCode: string;
  indicatorCode: string;
  period: string;
  value: number | null;
  status: 'value' | 'undisclosed';
  action: FactAction;
  old: Pick<StoredFact, 'value' | 'status' | 'version'> | null;
}

/** A coarse fact of the file over finer facts that say otherwise, at the cell it came from. */
export interface ImportConflict extends CoarseConflict {
  row: number;
  column: string;
}

/** A stored coarse fact the file's finer rows disagree with, at the first written cell inside it. */
export interface ImportUnderCoarse extends FinerUnderCoarse {
  row: number;
  column: string;
}

/** What the person chose for the conflicts: leave the coarse facts out, or write them over the finer ones. */
export type ConflictChoice = 'keep_finer' | 'replace';

export interface ImportPlan {
  form: 'long' | 'wide';
  errors: ImportProblem[];
  /** values beyond the plausible bound: written only when the person confirms them */
  warnings: ImportWarning[];
  facts: PlannedFact[];
  counts: Record<FactAction, number>;
  /** coarse facts whose finer facts disagree: written only as the person chooses */
  conflicts: ImportConflict[];
  /** stored coarse facts the file's finer rows disagree with: the coarse one keeps counting unless the person replaces it */
  underCoarse: ImportUnderCoarse[];
  /** cells left empty: no fact, not zero */
  ignored: number;
}

interface Candidate {
  row: number;
  column: string;
  unitCode: string;
  indicator: Indicator;
  period: string;
  value: number | null;
  status: 'value' | 'undisclosed';
}

type Db = Kysely<Database> | Transaction<Database>;

/**
 * Validates a table into facts and compares them with what is stored. Nothing is written;
 * every problem names its row and header. Long or wide (template) form is told by the header.
 */
export async function planImport(
  db: Db,
  table: SheetTable,
  ctx: PlanContext,
  /** called with the planned facts' units before what is stored is read: a commit takes its write locks there */
  beforeChecks?: (unitCodes: string[]) => Promise<void>,
): Promise<ImportPlan> {
  const lower = table.header.map((h) => h.toLowerCase());
  const isLong = lower.includes(LONG_COLUMNS.unit) || lower.includes(LONG_COLUMNS.value);
  const isWide = table.header.includes(WIDE_COLUMNS.unit);
  const errors: ImportProblem[] = [...table.problems];
  const warnings: ImportWarning[] = [];
  const candidates: Candidate[] = [];
  let ignored = 0;
  const form = isLong ? 'long' : 'wide';

  if (!isLong && !isWide) {
    errors.push({
      row: 1,
      column: table.header[0] ?? '',
      code: 'missing_column',
      message: `无法识别表头：应为模板格式（${Object.values(WIDE_COLUMNS).join('、')}、各指标列）或长表格式（${Object.values(LONG_COLUMNS).join(',')}）`,
      messageEn: `the header is not understood: it should be the template's (${Object.values(WIDE_COLUMNS).join(', ')}, then a column per indicator) or the long form's (${Object.values(LONG_COLUMNS).join(',')})`,
    });
    return finish(db, form, errors, warnings, candidates, ignored, beforeChecks);
  }

  const matchIndicator = indicatorMatcher(ctx.indicators);
  const turns = eventLoopTurns();
  const todayMonth = absMonthOfDate(ctx.today);
  const err = (row: number, column: string, code: ImportProblem['code'], message: string, messageEn: string) =>
    errors.push({ row, column, code, message, messageEn });
  const text = (c: CellValue | undefined) => (c === null || c === undefined ? '' : String(c).trim());

  const checkUnit = (row: number, column: string, raw: CellValue | undefined): PlanUnit | null => {
    const code = text(raw);
    const unit = ctx.units.get(code);
    if (!unit) {
      if (code)
        err(
          row,
          column,
          'unknown_unit',
          `单位代码 ${shortText(code)} 不存在`,
          `no unit has the code ${shortText(code)}`,
        );
      else err(row, column, 'unknown_unit', '单位代码为空', 'the unit code is empty');
      return null;
    }
    if (!ctx.canWrite(unit)) {
      err(
        row,
        column,
        'out_of_scope',
        `无权填报单位 ${code}${ctx.canSee(unit) ? `（${unit.name}）` : ''}的数据`,
        `you may not report for unit ${code}`,
      );
      return null;
    }
    return unit;
  };

  /** value cell → candidate or problem; empty cells are counted and skipped */
  const addValue = (
    row: number,
    column: string,
    unit: PlanUnit,
    indicator: Indicator,
    period: ReturnType<typeof checkPeriod>,
    raw: CellValue | undefined,
  ) => {
    const parsed = parseValue(raw ?? null);
    if (parsed.kind === 'empty') {
      ignored++;
      return;
    }
    if (!period.ok) return;
    if (parsed.kind === 'nan')
      return err(
        row,
        column,
        'not_a_number',
        `"${shortText(text(raw))}" 不是数字（未公开的数请填 X 或 *）`,
        `"${shortText(text(raw))}" is not a number (an undisclosed figure is X or *)`,
      );
    const inactive = checkUnitActive(
      { code: unit.code, name: unit.name, activeFrom: unit.active_from, activeTo: unit.active_to },
      period.period,
    );
    if (inactive) return err(row, column, inactive.code, inactive.message, inactive.messageEn);
    if (parsed.kind === 'value') {
      const problem = checkFactValue(
        withPlausibleBound(indicator, ctx.plausibleBounds?.(unit)),
        period.period,
        parsed.value,
      );
      if (problem?.severity === 'error') return err(row, column, problem.code, problem.message, problem.messageEn);
      if (problem)
        warnings.push({ row, column, code: problem.code, message: problem.message, messageEn: problem.messageEn });
    }
    candidates.push({
      row,
      column,
      unitCode: unit.code,
      indicator,
      period: period.period.code,
      value: parsed.kind === 'value' ? parsed.value : null,
      status: parsed.kind === 'value' ? 'value' : 'undisclosed',
    });
  };

  if (isLong) {
    const idx = Object.fromEntries(Object.entries(LONG_COLUMNS).map(([k, name]) => [k, lower.indexOf(name)])) as Record<
      keyof typeof LONG_COLUMNS,
      number
    >;
    const missing = Object.entries(LONG_COLUMNS).filter(([k]) => idx[k as keyof typeof LONG_COLUMNS] < 0);
    for (const [, name] of missing)
      err(
        1,
        name,
        'missing_column',
        `缺少列 ${name}（长表格式需要 ${Object.values(LONG_COLUMNS).join(',')}）`,
        `column ${name} is missing (the long form needs ${Object.values(LONG_COLUMNS).join(',')})`,
      );
    if (missing.length) return finish(db, form, errors, warnings, candidates, ignored, beforeChecks);
    const col = (k: keyof typeof LONG_COLUMNS) => table.header[idx[k]]!;
    for (const { row, cells } of table.rows) {
      if (turns.due()) await turns.pass();
      if (cells.every((c) => c === null)) continue;
      const valueCell = cells[idx.value] ?? null;
      // a row without a value is a missing fact; its other cells do not matter
      if (parseValue(valueCell).kind === 'empty') {
        ignored++;
        continue;
      }
      const unit = checkUnit(row, col('unit'), cells[idx.unit]);
      const indicatorText = text(cells[idx.indicator]);
      const indicator = matchIndicator(indicatorText);
      if (!indicator)
        err(
          row,
          col('indicator'),
          'unknown_indicator',
          indicatorText ? `指标 "${shortText(indicatorText)}" 不存在` : '指标为空',
          indicatorText ? `no indicator is called "${shortText(indicatorText)}"` : 'the indicator is empty',
        );
      else if (indicator.formula)
        err(
          row,
          col('indicator'),
          'derived_indicator',
          `${indicator.nameZh} 由其他指标计算得出，不能导入`,
          `${indicator.nameEn} is computed from other indicators and cannot be imported`,
        );
      const period = checkPeriod(cells[idx.period] ?? null, todayMonth);
      if (!period.ok) err(row, col('period'), period.code, period.message, period.messageEn);
      if (unit && indicator && !indicator.formula) addValue(row, col('value'), unit, indicator, period, valueCell);
    }
  } else {
    const unitIdx = table.header.indexOf(WIDE_COLUMNS.unit);
    const periodIdx = table.header.indexOf(WIDE_COLUMNS.period);
    if (periodIdx < 0) {
      err(
        1,
        WIDE_COLUMNS.period,
        'missing_column',
        `缺少列 ${WIDE_COLUMNS.period}`,
        `column ${WIDE_COLUMNS.period} is missing`,
      );
      return finish(db, form, errors, warnings, candidates, ignored, beforeChecks);
    }
    const columns: { idx: number; indicator: Indicator }[] = [];
    const seen = new Map<string, string>();
    table.header.forEach((h, idx) => {
      if (idx === unitIdx || idx === periodIdx || h === WIDE_COLUMNS.name || h === '') return;
      const indicator = matchIndicator(h);
      if (!indicator)
        return err(
          1,
          h,
          'unknown_column',
          `列 "${shortText(h)}" 不是已知指标（应为“指标名称(单位)”，如 党员大会(次)）`,
          `column "${shortText(h)}" is not a known indicator (it should be “name(unit)”, as in 党员大会(次))`,
        );
      if (indicator.formula)
        return err(
          1,
          h,
          'derived_indicator',
          `${indicator.nameZh} 由其他指标计算得出，不能导入；请删除该列`,
          `${indicator.nameEn} is computed from other indicators and cannot be imported: delete the column`,
        );
      const before = seen.get(indicator.code);
      if (before)
        return err(
          1,
          h,
          'duplicate_column',
          `列 "${shortText(h)}" 与列 "${shortText(before)}" 是同一指标`,
          `column "${shortText(h)}" is the same indicator as column "${shortText(before)}"`,
        );
      seen.set(indicator.code, h);
      columns.push({ idx, indicator });
    });
    for (const { row, cells } of table.rows) {
      if (turns.due()) await turns.pass();
      const values = columns.map((c) => cells[c.idx] ?? null);
      if (values.every((v) => parseValue(v).kind === 'empty')) {
        ignored += values.length;
        continue;
      }
      const unit = checkUnit(row, WIDE_COLUMNS.unit, cells[unitIdx]);
      const period = checkPeriod(cells[periodIdx] ?? null, todayMonth);
      if (!period.ok) err(row, WIDE_COLUMNS.period, period.code, period.message, period.messageEn);
      if (!unit) continue;
      columns.forEach((c, k) => addValue(row, table.header[c.idx]!, unit, c.indicator, period, values[k]));
    }
  }
  return finish(db, form, errors, warnings, candidates, ignored, beforeChecks);
}

async function finish(
  db: Db,
  form: ImportPlan['form'],
  errors: ImportProblem[],
  warnings: ImportWarning[],
  candidates: Candidate[],
  ignored: number,
  beforeChecks: ((unitCodes: string[]) => Promise<void>) | undefined,
): Promise<ImportPlan> {
  const turns = eventLoopTurns();
  const firstRow = new Map<string, number>();
  const unique: Candidate[] = [];
  for (const c of candidates) {
    if (turns.due()) await turns.pass();
    const k = factKey({ unitCode: c.unitCode, indicatorCode: c.indicator.code, period: c.period });
    const first = firstRow.get(k);
    if (first !== undefined) {
      errors.push({
        row: c.row,
        column: c.column,
        code: 'duplicate_row',
        message: `与第${first}行重复：${c.unitCode} ${c.indicator.nameZh} ${c.period} 在文件中出现两次`,
        messageEn: `repeats row ${first}: ${c.unitCode} ${c.indicator.nameEn} ${periodCodeLabel(c.period, 'en')} appears twice in the file`,
      });
      continue;
    }
    firstRow.set(k, c.row);
    unique.push(c);
  }
  errors.sort((a, b) => a.row - b.row);

  // a commit locks before it reads: what it compares with is then what its write finds stored
  await beforeChecks?.(unique.map((c) => c.unitCode));
  const stored = await readFacts(
    db,
    unique.map((c) => ({ unitCode: c.unitCode, indicatorCode: c.indicator.code, period: c.period })),
  );
  const facts: PlannedFact[] = [];
  const at = new Map<string, PlannedFact>();
  // both directions of a coarse figure against finer ones judge the same planned facts
  const spans: PlannedSpan[] = [];
  for (const c of unique) {
    if (turns.due()) await turns.pass();
    const key = { unitCode: c.unitCode, indicatorCode: c.indicator.code, period: c.period };
    const k = factKey(key);
    const old = stored.get(k);
    const action: FactAction = !old
      ? 'insert'
      : old.status === c.status && old.value === c.value
        ? 'unchanged'
        : 'update';
    const fact: PlannedFact = {
      row: c.row,
      column: c.column,
      ...key,
      value: c.value,
      status: c.status,
      action,
      old: old ? { value: old.value, status: old.status, version: old.version } : null,
    };
    facts.push(fact);
    at.set(k, fact);
    spans.push({ ...key, value: c.value, status: c.status, aggregation: c.indicator.aggregation });
  }
  const conflicts = (await findCoarseConflicts(db, spans)).map((c): ImportConflict => ({
    ...c,
    row: at.get(factKey(c))!.row,
    column: at.get(factKey(c))!.column,
  }));
  const underCoarse = (await findFinerUnderCoarse(db, spans)).map((u): ImportUnderCoarse => {
    const first = at.get(factKey({ unitCode: u.unitCode, indicatorCode: u.indicatorCode, period: u.written[0]! }))!;
    return { ...u, row: first.row, column: first.column };
  });
  return { form, errors, warnings, facts, counts: countActions(facts), conflicts, underCoarse, ignored };
}

export function countActions(facts: readonly PlannedFact[]): Record<FactAction, number> {
  const counts: Record<FactAction, number> = { insert: 0, update: 0, unchanged: 0 };
  for (const f of facts) counts[f.action]++;
  return counts;
}
