import { type Kysely, sql } from 'kysely';
import type { Database, FactsTable } from '../schema.ts';
import { prepared } from '../prepared-statements.ts';
import { isStandardWindow } from './rollups.ts';

/** Where a rolled-up number came from: the source of its latest fact, and a report sentence if any. */
export interface Provenance {
  unit_code: string;
  indicator_code: string;
  source: FactsTable['source'];
  /** the latest covering fact that came from a work report: its sentence and document */
  source_text: string | null;
  document_id: number | null;
}

/**
 * Provenance of units × indicators within a window, in one query. It looks at the facts inside
 * the window (those a roll-up can use), latest first; for a standard window the roll-ups carry
 * that summary already.
 */
export async function factProvenance(
  db: Kysely<Database>,
  units: readonly string[],
  indicators: readonly string[],
  startMonth: number,
  endMonth: number,
): Promise<Provenance[]> {
  if (!units.length || !indicators.length) return [];
  if (isStandardWindow(startMonth, endMonth)) {
    const r = await sql<Provenance>`
      select unit_code, indicator_code, source, source_text, document_id
        from rollups
       where unit_code = any(${[...units]}::text[])
         and indicator_code = any(${[...indicators]}::text[])
         and start_month = ${startMonth} and end_month = ${endMonth}`.execute(db);
    return r.rows;
  }
  const r = await sql<Provenance>`
    select unit_code, indicator_code,
           (array_agg(source order by end_month desc, updated_at desc, start_month))[1] as source,
           (array_agg(source_text order by end_month desc, updated_at desc, start_month) filter (where source_text is not null))[1] as source_text,
           (array_agg(document_id order by end_month desc, updated_at desc, start_month) filter (where document_id is not null))[1] as document_id
      from facts
     where unit_code = any(${[...units]}::text[])
       and indicator_code = any(${[...indicators]}::text[])
       and start_month >= ${startMonth} and end_month <= ${endMonth}
     group by unit_code, indicator_code`.execute(db);
  return r.rows;
}

/**
 * factProvenance of several windows (a trend's quarters), the i-th list for the i-th window: the
 * standard windows' summaries from the roll-ups in one statement, any other window from its facts.
 */
export async function factProvenanceOfWindows(
  db: Kysely<Database>,
  units: readonly string[],
  indicators: readonly string[],
  windows: readonly { startMonth: number; endMonth: number }[],
): Promise<Provenance[][]> {
  const out: Provenance[][] = windows.map(() => []);
  if (!units.length || !indicators.length) return out;
  // each standard window once, with the places it was asked at
  const standard = new Map<string, { window: (typeof windows)[number]; at: number[] }>();
  for (const [i, w] of windows.entries())
    if (isStandardWindow(w.startMonth, w.endMonth)) {
      const key = `${w.startMonth}-${w.endMonth}`;
      const seen = standard.get(key);
      if (seen) seen.at.push(i);
      else standard.set(key, { window: w, at: [i] });
    } else out[i] = await factProvenance(db, units, indicators, w.startMonth, w.endMonth);
  if (standard.size) {
    const asked = [...standard.values()].map((s) => s.window);
    // the asked windows joined, not start_month = any(…) and end_month = any(…): with those the
    // planner probed the primary key once per unit × indicator (a heatmap's 1,960 cells: 10 ms,
    // joined 2 ms over a key led by unit and window), and any start met any end
    // one row of JSON text: a heatmap's thousands of rows, parsed field by field, cost PGlite's
    // protocol reader more than the statement (as the analytics matrix's did)
    const r = await sql<{ rows: string | null }>`
      select json_agg(json_build_array(r.unit_code, r.indicator_code, r.start_month, r.end_month, r.source,
                                       r.source_text, r.document_id))::text as rows
        from rollups r
        join unnest(${asked.map((w) => w.startMonth)}::int[], ${asked.map((w) => w.endMonth)}::int[]) as w(ws, we)
          on r.start_month = w.ws and r.end_month = w.we
       where r.unit_code = any(${[...units]}::text[])
         and r.indicator_code = any(${[...indicators]}::text[]) ${prepared}`.execute(db);
    const rows = JSON.parse(r.rows[0]?.rows ?? '[]') as [
      string,
      string,
      number,
      number,
      Provenance['source'],
      string | null,
      number | null,
    ][];
    for (const [unit_code, indicator_code, start_month, end_month, source, source_text, document_id] of rows)
      for (const i of standard.get(`${start_month}-${end_month}`)?.at ?? [])
        out[i]!.push({ unit_code, indicator_code, source, source_text, document_id });
  }
  return out;
}

/**
 * How many facts touching [startMonth, endMonth] each source gave: the hover of an aggregate.
 * From the per-span counts kept beside the roll-ups (fact_source_counts), not the facts.
 */
export async function factCountsBySource(
  db: Kysely<Database>,
  units: readonly string[],
  startMonth: number,
  endMonth: number,
): Promise<{ source: FactsTable['source']; n: number }[]> {
  if (!units.length) return [];
  const r = await sql<{ source: FactsTable['source']; n: number }>`
    select source, sum(n)::int as n
      from fact_source_counts
     where unit_code = any(${[...units]}::text[])
       and start_month <= ${endMonth} and end_month >= ${startMonth}
     group by source
     order by source`.execute(db);
  return r.rows;
}
