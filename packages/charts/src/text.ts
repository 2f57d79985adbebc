/** Text colours that read on both backgrounds; everything else comes from the ECharts theme. */
export function textColors(dark?: boolean): { main: string; sub: string; grid: string } {
  return dark
    ? { main: '#E8EAED', sub: '#A8B0BC', grid: '#3A4350' }
    : { main: '#1F2329', sub: '#646A73', grid: '#E4E7ED' };
}

/** Tooltip HTML rows are joined with <br/>; names come from our own database but are escaped anyway. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function tooltipHtml(lines: readonly (string | false | null | undefined)[]): string {
  return lines
    .filter((l): l is string => !!l)
    .map(escapeHtml)
    .join('<br/>');
}

/** The horizontal whole-number axis of a bar list (units per status, places gained), named under it. */
export function countAxis(name: string, c: ReturnType<typeof textColors>) {
  return {
    type: 'value' as const,
    minInterval: 1,
    name,
    nameLocation: 'middle' as const,
    nameGap: 22,
    nameTextStyle: { color: c.sub },
    axisLabel: { color: c.sub },
    splitLine: { lineStyle: { color: c.grid } },
  };
}

/**
 * The vertical axis of a bar list by indicator, the first row on top. Every indicator is named,
 * however many rows: pages keep them few enough to fit.
 */
export function indicatorAxis(rows: readonly { indicator: { name: string } }[], c: ReturnType<typeof textColors>) {
  return {
    type: 'category' as const,
    inverse: true,
    data: rows.map((r) => r.indicator.name),
    axisTick: { show: false },
    axisLabel: { color: c.main, interval: 0 },
  };
}
