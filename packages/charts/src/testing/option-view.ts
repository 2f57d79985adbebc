import type { EChartsOption } from 'echarts';

/**
 * A built option as the builders' tests read it. ECharts types each part of an option as a
 * union over every chart kind, one or many, which a test cannot index without narrowing at
 * every step; the tests state the plain shape the builders produce instead, and the SSR
 * render in the same tests checks that ECharts accepts the real option.
 */
export interface OptionView {
  series: SeriesView[];
  legend: { data: (string | { name: string })[]; show?: boolean };
  xAxis: { max?: number };
  yAxis: { data: string[]; axisLabel: { fontSize?: number; interval?: number } };
  tooltip: { formatter: (params: unknown) => string; confine?: boolean };
  grid: { top: number };
  animation?: boolean;
}

export interface SeriesView {
  name: string;
  symbol?: string;
  lineStyle: { type: string };
  data: DatumView[];
}

/** A datum given as an object; plain numbers and nulls are compared with toEqual. */
export interface DatumView {
  value: number;
  itemStyle: { color: string; decal?: unknown };
  label: { formatter: string };
}

export function viewOf(option: EChartsOption): OptionView {
  return option as unknown as OptionView;
}

/** The view is the option itself, for handing back to ECharts. */
export function optionOf(view: OptionView): EChartsOption {
  return view as unknown as EChartsOption;
}

export function legendNames(option: OptionView): string[] {
  return option.legend.data.map((d) => (typeof d === 'string' ? d : d.name));
}

/** Series by name, as the legend names them. */
export function seriesByName(option: OptionView): Record<string, SeriesView> {
  return Object.fromEntries(option.series.map((s) => [s.name, s]));
}
