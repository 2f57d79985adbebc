import type { Database } from '@bixue/db';
import { type Kysely, sql } from 'kysely';
import { performance } from 'node:perf_hooks';

/** Window codes → absolute months, for the hand-written SQL. */
export function months(code: string): [number, number] {
  const y = Number(code.slice(0, 4));
  if (code.length === 4) return [y * 12, y * 12 + 11];
  if (code[4] === 'H') return code[5] === '1' ? [y * 12, y * 12 + 5] : [y * 12 + 6, y * 12 + 11];
  if (code[4] === 'Q') {
    const q = Number(code[5]) - 1;
    return [y * 12 + q * 3, y * 12 + q * 3 + 2];
  }
  const m = Number(code.slice(5)) - 1;
  return [y * 12 + m, y * 12 + m];
}

/** The best hand-written SQL over the roll-ups for each kind of call: the ratio's baseline. */
export function handSql(db: Kysely<Database>, codes: string[], province: string) {
  const rollupRows = (units: string[], indicators: string[], window: string) => {
    const [ws, we] = months(window);
    return sql`select unit_code, indicator_code, value, status from rollups
      where unit_code = any(${units}::text[]) and indicator_code = any(${indicators}::text[])
        and start_month = ${ws} and end_month = ${we}`;
  };
  return {
    ranking: (units: string[], indicator: string, window: string) => () =>
      sql`select unit_code, value, rank() over (order by value desc) from (${rollupRows(units, [indicator], window)}) r
        where status in ('value', 'partial')`.execute(db),
    composite: (units: string[], window: string) => () => {
      const [ws, we] = months(window);
      return sql`select r.unit_code, avg(least(r.value / t.value, 1.2)) * 100 as score
        from rollups r join targets t on t.indicator_code = r.indicator_code and t.province_code = ${province}
          and t.level = 'county' and t.year is null
        where r.unit_code = any(${units}::text[]) and r.start_month = ${ws} and r.end_month = ${we}
          and t.value > 0
        group by r.unit_code order by score desc`.execute(db);
    },
    heatmap: (units: string[], window: string) => () => rollupRows(units, codes, window).execute(db),
    trends: (units: string[], year: number) => () => {
      const windows = [1, 2, 3, 4].flatMap((q) => [months(`${year}Q${q}`), months(`${year - 1}Q${q}`)]);
      return sql`select indicator_code, start_month,
          percentile_cont(array[0.25, 0.5, 0.75]) within group (order by value) as band
        from rollups where unit_code = any(${units}::text[])
          and start_month = any(${windows.map((w) => w[0])}::int[]) and end_month - start_month = 2
        group by indicator_code, start_month`.execute(db);
    },
    benchmark: (units: string[], window: string) => () => {
      const [ws, we] = months(window);
      return sql`select indicator_code, percentile_cont(0.5) within group (order by value), max(value)
        from rollups where unit_code = any(${units}::text[])
          and start_month = ${ws} and end_month = ${we} group by indicator_code`.execute(db);
    },
  };
}

/** p50 of n runs after one unmeasured run. */
export async function handP50(fn: () => Promise<unknown>, n = 15): Promise<number> {
  await fn();
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    await fn();
    ms.push(performance.now() - t0);
  }
  return ms.sort((a, b) => a - b)[Math.floor(n / 2)]!;
}
