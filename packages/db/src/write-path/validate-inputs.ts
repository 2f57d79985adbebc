import {
  checkFactValue,
  checkUnitActive,
  type FactRuleProblem,
  SaidError,
  tryParsePeriod,
  withPlausibleBound,
} from '@bixue/domain';
import type { Transaction } from 'kysely';
import { indicatorFromRow } from '../catalog.ts';
import { eventLoopTurns } from '../event-loop-turns.ts';
import type { Database } from '../schema.ts';
import { plausibleBoundsOf } from '../settings.ts';
import type { FactInput } from './fact-input.ts';
import { factKey } from './read-facts.ts';

export type FactProblemCode =
  | FactRuleProblem['code']
  | 'unknown_unit'
  | 'unknown_indicator'
  | 'derived_indicator'
  | 'bad_period'
  | 'status_mismatch'
  | 'duplicate_key';

export interface FactProblem extends Omit<FactRuleProblem, 'code'> {
  code: FactProblemCode;
  /** position in the inputs given to writeFacts */
  index: number;
  unitCode: string;
  indicatorCode: string;
  period: string;
}

/** Errors (or warnings nobody confirmed) in the facts given to the write path; nothing was written. */
export class FactValidationError extends SaidError {
  constructor(readonly problems: FactProblem[]) {
    const first = problems[0]!;
    const where = `${first.unitCode} ${first.indicatorCode} ${first.period}`;
    const more = problems.length - 1;
    super({
      zh: `${where}：${first.message}${more ? `（另有 ${more} 处问题）` : ''}`,
      en: `${where}: ${first.messageEn}${more ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}`,
    });
    this.name = 'FactValidationError';
  }
}

const problem = (
  index: number,
  f: FactInput,
  code: FactProblemCode,
  message: string,
  messageEn: string,
): FactProblem => ({
  index,
  unitCode: f.unitCode,
  indicatorCode: f.indicatorCode,
  period: f.period,
  code,
  severity: 'error',
  message,
  messageEn,
});

/** What `make` gives for `key`, made once per map. */
function cached<T>(map: Map<string, T>, key: string, make: () => T): T {
  if (map.has(key)) return map.get(key) as T;
  const value = make();
  map.set(key, value);
  return value;
}

/** What an input was when it passed validation, and whether warnings were accepted. */
interface Passed {
  acceptWarnings: boolean;
  province: string;
  unitCode: string;
  indicatorCode: string;
  period: string;
  value: number | null;
  status: FactInput['status'];
}

/**
 * Inputs that passed in a transaction: routeWrites validates every input before it splits them
 * into drafts and direct writes, and writeFacts then meets the same objects again (100,000 rows
 * of an import were judged twice). The same input, unchanged, in the same transaction and among
 * inputs of distinct keys, passes again without being judged again. Held weakly by transaction,
 * not by input: one weak key per write, not one per row for every garbage collection to trace.
 */
const passedIn = new WeakMap<Transaction<Database>, Map<FactInput, Passed>>();

const passedAs = (trx: Transaction<Database>, f: FactInput, acceptWarnings: boolean): Passed | undefined => {
  const p = passedIn.get(trx)?.get(f);
  return p &&
    (!p.acceptWarnings || acceptWarnings) &&
    p.unitCode === f.unitCode &&
    p.indicatorCode === f.indicatorCode &&
    p.period === f.period &&
    p.value === f.value &&
    p.status === f.status
    ? p
    : undefined;
};

/**
 * Applies the shared rule set (@bixue/domain fact-rules) to every input, with the catalog and
 * units as stored in this transaction. Returns each touched unit's province.
 */
export async function validateInputs(
  trx: Transaction<Database>,
  inputs: readonly FactInput[],
  acceptWarnings: boolean,
): Promise<Map<string, string>> {
  const provinceOf = new Map<string, string>();
  const keys = new Set<string>();
  for (const f of inputs) {
    const p = passedAs(trx, f, acceptWarnings);
    const key = factKey(f);
    if (!p || keys.has(key)) return validateAll(trx, inputs, acceptWarnings);
    keys.add(key);
    provinceOf.set(f.unitCode, p.province);
  }
  return provinceOf;
}

async function validateAll(
  trx: Transaction<Database>,
  inputs: readonly FactInput[],
  acceptWarnings: boolean,
): Promise<Map<string, string>> {
  const unitCodes = [...new Set(inputs.map((f) => f.unitCode))];
  const indicatorCodes = [...new Set(inputs.map((f) => f.indicatorCode))];
  const [units, indicators] = await Promise.all([
    unitCodes.length
      ? trx
          .selectFrom('units')
          .select(['code', 'name', 'province_code', 'active_from', 'active_to'])
          .where('code', 'in', unitCodes)
          .execute()
      : [],
    indicatorCodes.length ? trx.selectFrom('indicators').selectAll().where('code', 'in', indicatorCodes).execute() : [],
  ]);
  const unitByCode = new Map(units.map((u) => [u.code, u]));
  // each unit's province judges plausibility by its own bounds where its admin set them
  const bounds = await plausibleBoundsOf(trx, [...new Set(units.map((u) => u.province_code))]);
  const indicatorByCode = new Map(indicators.map((r) => [r.code, indicatorFromRow(r)]));
  const problems: FactProblem[] = [];
  const seen = new Set<string>();
  // a file repeats a few periods, units and indicators many times: each parsed, bounded and
  // checked against the unit's lifetime once
  const periods = new Map<string, ReturnType<typeof tryParsePeriod>>();
  const lived = new Map<string, ReturnType<typeof checkUnitActive>>();
  const bounded = new Map<
    string,
    ReturnType<typeof withPlausibleBound<NonNullable<ReturnType<typeof indicatorByCode.get>>>>
  >();
  const judge = (f: FactInput, i: number) => {
    const key = factKey(f);
    if (seen.has(key))
      return problems.push(
        problem(i, f, 'duplicate_key', '同一数据在本次保存中出现两次', 'the same fact appears twice'),
      );
    seen.add(key);
    const unit = unitByCode.get(f.unitCode);
    const indicator = indicatorByCode.get(f.indicatorCode);
    const period = cached(periods, f.period, () => tryParsePeriod(f.period));
    if (!unit)
      return problems.push(problem(i, f, 'unknown_unit', `单位 ${f.unitCode} 不存在`, `unknown unit ${f.unitCode}`));
    if (!indicator)
      return problems.push(
        problem(i, f, 'unknown_indicator', `指标 ${f.indicatorCode} 不存在`, `unknown indicator ${f.indicatorCode}`),
      );
    if (indicator.formula)
      return problems.push(
        problem(
          i,
          f,
          'derived_indicator',
          `${indicator.nameZh} 由其他指标计算得出，不能填报`,
          `${indicator.nameEn} is computed from other indicators`,
        ),
      );
    if (!period || period.code !== f.period)
      return problems.push(problem(i, f, 'bad_period', `报告期 "${f.period}" 无法识别`, `bad period "${f.period}"`));
    if ((f.status === 'value') !== (f.value !== null))
      return problems.push(
        problem(i, f, 'status_mismatch', '数值与状态不一致', `value and status disagree (${f.status}, ${f.value})`),
      );
    // removing a fact is always allowed where writing it is: it may be how a wrong one goes away
    if (f.status === 'missing') return;
    const active = cached(lived, `${unit.code}\u0000${period.code}`, () =>
      checkUnitActive(
        { code: unit.code, name: unit.name, activeFrom: unit.active_from, activeTo: unit.active_to },
        period,
      ),
    );
    if (active)
      return problems.push({
        ...active,
        index: i,
        unitCode: f.unitCode,
        indicatorCode: f.indicatorCode,
        period: f.period,
      });
    if (f.value === null) return;
    const limits = cached(bounded, `${unit.province_code}\u0000${indicator.code}`, () =>
      withPlausibleBound(indicator, bounds.get(unit.province_code)),
    );
    const bad = checkFactValue(limits, period, f.value);
    if (bad && (bad.severity === 'error' || !acceptWarnings))
      problems.push({ ...bad, index: i, unitCode: f.unitCode, indicatorCode: f.indicatorCode, period: f.period });
  };
  const turns = eventLoopTurns();
  for (let i = 0; i < inputs.length; i++) {
    if (turns.due()) await turns.pass();
    judge(inputs[i]!, i);
  }
  if (problems.length) throw new FactValidationError(problems);
  let passed = passedIn.get(trx);
  if (!passed) passedIn.set(trx, (passed = new Map<FactInput, Passed>()));
  for (const f of inputs) {
    const province = unitByCode.get(f.unitCode)!.province_code;
    const { unitCode, indicatorCode, period, value, status } = f;
    passed.set(f, { acceptWarnings, province, unitCode, indicatorCode, period, value, status });
  }
  return new Map(units.map((u) => [u.code, u.province_code]));
}
