import type { HeatmapCell } from '../heatmap/option.ts';
import { STATUSES, type Status } from '../palette.ts';
import type { IndicatorRef } from '../types.ts';
import type { StatusCountRow } from './option.ts';

export function statusCounts(cells: readonly HeatmapCell[], indicators: readonly IndicatorRef[]): StatusCountRow[] {
  return indicators.map((i) => {
    const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<Status, number>;
    // cells without a target have no status to count
    for (const c of cells) if (c.indicator === i.code && c.status !== 'no_target') counts[c.status]++;
    // 达标 only because nothing is due yet (未到期)
    const early = cells.flatMap((c) =>
      c.indicator === i.code && c.status === 'green' && c.dueMonth ? [c.dueMonth] : [],
    );
    const notYetDue = early.length ? { units: early.length, month: Math.min(...early) } : null;
    return { indicator: i, counts, notYetDue };
  });
}
