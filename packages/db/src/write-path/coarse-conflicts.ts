import {
  type Aggregation,
  type CoarseConflict,
  finerDisagreement,
  type FinerUnderCoarse,
  finerUnderCoarse,
  parsePeriod,
  type Period,
  type SpanFact,
} from '@bixue/domain';
import { type Kysely, type Selectable, type Transaction, sql } from 'kysely';
import type { Database, FactsTable } from '../schema.ts';
import { factsWithDrafts } from '../cycle/drafts-overlay.ts';
import { eventLoopTurns } from '../event-loop-turns.ts';
import { periodsOnce } from './periods-once.ts';
import { CHUNK, factKey } from './read-facts.ts';

/** A fact about to be written, with its indicator's aggregation. */
export interface PlannedSpan {
  unitCode: string;
  indicatorCode: string;
  period: string;
  value: number | null;
  status: 'value' | 'undisclosed';
  aggregation: Aggregation;
}

/**
 * The planned coarse facts (2022H1 = 5) that disagree with the finer facts inside them as they
 * would stand after the write: the stored ones overlaid with the other planned facts, so a file
 * holding both the half and its months is judged on its own rows.
 */
export async function findCoarseConflicts(
  db: Kysely<Database> | Transaction<Database>,
  planned: readonly PlannedSpan[],
): Promise<CoarseConflict[]> {
  const periodOf = periodsOnce();
  const coarse = planned
    .filter((p) => p.status === 'value' && periodOf(p.period).grain !== 'month')
    .map((p) => ({ ...p, span: periodOf(p.period) }));
  if (!coarse.length) return [];
  const pair = (unitCode: string, indicatorCode: string) => `${unitCode}\u0000${indicatorCode}`;
  const after = new Map<string, Map<string, SpanFact>>();
  const put = (unitCode: string, indicatorCode: string, fact: SpanFact) => {
    const k = pair(unitCode, indicatorCode);
    if (!after.has(k)) after.set(k, new Map());
    after.get(k)!.set(fact.period.code, fact);
  };
  for (const r of await factsInsideSpans(
    db,
    coarse.map((c) => ({ unitCode: c.unitCode, indicatorCode: c.indicatorCode, period: c.span })),
  ))
    put(r.unit_code, r.indicator_code, { period: parsePeriod(r.period), value: r.value, status: r.status });
  // what this write brings replaces what is stored under the same key (only a coarse fact's unit ×
  // indicator is judged: a file of months has none)
  const judged = new Set(coarse.map((c) => pair(c.unitCode, c.indicatorCode)));
  for (const p of planned)
    if (judged.has(pair(p.unitCode, p.indicatorCode)))
      put(p.unitCode, p.indicatorCode, { period: periodOf(p.period), value: p.value, status: p.status });
  const conflicts: CoarseConflict[] = [];
  for (const c of coarse) {
    const finer = [...(after.get(pair(c.unitCode, c.indicatorCode))?.values() ?? [])];
    const disagreement = finerDisagreement(c.aggregation, { period: c.span, value: c.value, status: c.status }, finer);
    if (disagreement)
      conflicts.push({
        unitCode: c.unitCode,
        indicatorCode: c.indicatorCode,
        period: c.period,
        value: c.value!,
        finer: disagreement,
      });
  }
  return conflicts;
}

/** The keys of the conflicting coarse facts, to leave them out when the person keeps the finer ones. */
export function conflictKeys(conflicts: readonly CoarseConflict[]): Set<string> {
  return new Set(conflicts.map((c) => factKey(c)));
}

/**
 * The reverse of findCoarseConflicts: stored coarse facts (2022H1 = 5) the write leaves in place
 * over finer facts that, once written, disagree with them (the months now sum to 3). The roll-up
 * keeps taking the coarse fact, so the person is shown what counts and chooses. A coarse fact the
 * write itself brings is findCoarseConflicts' case, not this one.
 */
export async function findFinerUnderCoarse(
  db: Kysely<Database> | Transaction<Database>,
  planned: readonly PlannedSpan[],
): Promise<FinerUnderCoarse[]> {
  const periodOf = periodsOnce();
  const turns = eventLoopTurns();
  // made once a stored fact is found that could hold a planned one: a file of months over months
  // finds none, and its 100,000 keys were most of this check's time (bench:import)
  let plannedKeys: Set<string> | null = null;
  // the stored facts strictly holding a planned one, that the write leaves in place. Periods never
  // cross a year, so only the facts of more than one month in a planned span's unit × indicator ×
  // year can: read by year (a file of months asks for a twelfth of its rows), judged here
  const spansOfYear = new Map<string, (PlannedSpan & { span: Period })[]>();
  for (const p of planned) {
    if (turns.due()) await turns.pass();
    const span = periodOf(p.period);
    if (span.grain === 'year') continue;
    const k = `${p.unitCode}\u0000${p.indicatorCode}\u0000${span.year}`;
    const ofYear = spansOfYear.get(k);
    if (ofYear) ofYear.push({ ...p, span });
    else spansOfYear.set(k, [{ ...p, span }]);
  }
  if (!spansOfYear.size) return [];
  const years = [...spansOfYear.values()].map((s) => s[0]!);
  const holders = new Map<string, { unitCode: string; indicatorCode: string; fact: SpanFact }>();
  for (let i = 0; i < years.length; i += CHUNK) {
    const chunk = years.slice(i, i + CHUNK);
    const { rows } = await sql<StoredFact>`select f.unit_code, f.indicator_code, f.period, f.value, f.status
      from ${factsWithDrafts()} f
      -- only a fact of more than one month holds another: the rest of the table is left at the scan
      where f.status = 'value' and f.end_month > f.start_month and exists (select 1 from unnest(${chunk.map((c) => c.unitCode)}::text[],
          ${chunk.map((c) => c.indicatorCode)}::text[], ${chunk.map((c) => c.span.year)}::int[]) as s(u, i, y)
        where f.unit_code = s.u and f.indicator_code = s.i and f.start_month / 12 = s.y)`.execute(db);
    for (const r of rows) {
      const key = { unitCode: r.unit_code, indicatorCode: r.indicator_code, period: r.period };
      plannedKeys ??= new Set(planned.map((p) => factKey(p)));
      if (plannedKeys.has(factKey(key))) continue;
      const period = parsePeriod(r.period);
      const held = spansOfYear
        .get(`${r.unit_code}\u0000${r.indicator_code}\u0000${period.year}`)!
        .some(
          (p) =>
            period.startMonth <= p.span.startMonth &&
            period.endMonth >= p.span.endMonth &&
            (period.startMonth !== p.span.startMonth || period.endMonth !== p.span.endMonth),
        );
      if (held)
        holders.set(factKey(key), {
          unitCode: r.unit_code,
          indicatorCode: r.indicator_code,
          fact: { period, value: r.value, status: r.status },
        });
    }
  }
  if (!holders.size) return [];
  const aggregationOf = new Map(planned.map((p) => [`${p.unitCode}\u0000${p.indicatorCode}`, p.aggregation]));
  const coarse = [...holders.values()];
  // what is stored inside each holder, to judge it as it will stand after the write
  const inside = new Map<string, SpanFact[]>();
  for (const r of await factsInsideSpans(
    db,
    coarse.map((c) => ({ unitCode: c.unitCode, indicatorCode: c.indicatorCode, period: c.fact.period })),
  )) {
    const k = `${r.unit_code}\u0000${r.indicator_code}`;
    if (!inside.has(k)) inside.set(k, []);
    inside.get(k)!.push({ period: parsePeriod(r.period), value: r.value, status: r.status });
  }
  const found: FinerUnderCoarse[] = [];
  for (const c of coarse) {
    const k = `${c.unitCode}\u0000${c.indicatorCode}`;
    const mine = spansOfYear
      .get(`${k}\u0000${c.fact.period.year}`)!
      .map((p) => ({ period: p.span, value: p.value, status: p.status }));
    const d = finerUnderCoarse(aggregationOf.get(k)!, c.fact, inside.get(k) ?? [], mine);
    if (d) {
      const { written, ...finer } = d;
      found.push({
        unitCode: c.unitCode,
        indicatorCode: c.indicatorCode,
        period: c.fact.period.code,
        value: c.fact.value!,
        finer,
        written,
      });
    }
  }
  return found.sort(
    (a, b) =>
      a.unitCode.localeCompare(b.unitCode) ||
      a.indicatorCode.localeCompare(b.indicatorCode) ||
      parsePeriod(a.period).startMonth - parsePeriod(b.period).startMonth ||
      parsePeriod(b.period).endMonth - parsePeriod(a.period).endMonth,
  );
}

/** A span of one unit's indicator: the facts inside it are what the roll-up would combine in its place. */
interface UnitSpan {
  unitCode: string;
  indicatorCode: string;
  period: Period;
}

/**
 * A fact as the person writing sees it: an open period's draft in place of the approved fact
 * (cycle/drafts-overlay.ts). Drafts are what the unit reported and will count once approved, so a
 * quarter typed over months still in draft disagrees with them just the same.
 */
type StoredFact = Pick<Selectable<FactsTable>, 'unit_code' | 'indicator_code' | 'period' | 'value' | 'status'>;

/** The stored facts inside any of `spans` (the span's own fact included), read in chunks of CHUNK spans. */
async function factsInsideSpans(
  db: Kysely<Database> | Transaction<Database>,
  spans: readonly UnitSpan[],
): Promise<StoredFact[]> {
  const rows: StoredFact[] = [];
  for (let i = 0; i < spans.length; i += CHUNK) {
    const chunk = spans.slice(i, i + CHUNK);
    const found = await sql<StoredFact>`select distinct f.unit_code, f.indicator_code, f.period, f.value, f.status
      from ${factsWithDrafts()} f
      where exists (select 1 from unnest(${chunk.map((c) => c.unitCode)}::text[], ${chunk.map((c) => c.indicatorCode)}::text[],
          ${chunk.map((c) => c.period.startMonth)}::int[], ${chunk.map((c) => c.period.endMonth)}::int[]) as s(u, i, a, b)
        where f.unit_code = s.u and f.indicator_code = s.i and f.start_month >= s.a and f.end_month <= s.b)`.execute(
      db,
    );
    rows.push(...found.rows);
  }
  return rows;
}
