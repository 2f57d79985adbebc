import type { EChartsOption } from 'echarts';
import { addSources, type FactSource, formatPercent, formatValue, sourceLine, sourceMixLine } from '../format.ts';
import { chartLabels } from '../labels.ts';
import { BRAND, DATA, FONT_FAMILY, STATUS_COLORS } from '../palette.ts';
import { textColors, tooltipHtml } from '../text.ts';
import type { CommonOptions } from '../types.ts';

export interface CompositePart {
  code: string;
  name: string;
  /** share of the total weight, 0–1 */
  weight: number;
  /** 0 – cap×100, or null when the unit has no value (it then contributes 0 and says so) */
  score: number | null;
  /** points this indicator adds to the composite: weight × score */
  contribution: number;
  /** 'attainment' against a target, or 'percentile' among peers for indicators without one */
  basis?: 'attainment' | 'percentile';
  source?: FactSource | null;
  sourceText?: string | null;
}

export interface CompositeWaterfallInput extends CommonOptions {
  total: number | null;
  parts: readonly CompositePart[];
}

/** Biggest contribution first, each bar starting where the previous one ended, the total last. */
export function waterfallSteps(parts: readonly CompositePart[]): { part: CompositePart; start: number }[] {
  let running = 0;
  return [...parts]
    .sort((a, b) => b.contribution - a.contribution || a.code.localeCompare(b.code))
    .map((part) => {
      const start = running;
      running += part.contribution;
      return { part, start };
    });
}

export function buildCompositeWaterfall(input: CompositeWaterfallInput): EChartsOption {
  const locale = input.locale ?? 'zh-CN';
  const l = chartLabels(locale);
  const c = textColors(input.dark);
  const steps = waterfallSteps(input.parts);
  const total = input.total ?? steps.reduce((s, x) => s + x.part.contribution, 0);
  const names = [...steps.map((s) => s.part.name), l.composite];

  const tooltip = (p: unknown) => {
    const i = (p as { dataIndex: number }).dataIndex;
    const step = steps[i];
    if (!step) {
      const mix = addSources(input.parts.map((p) => p.source));
      return tooltipHtml([
        `${l.composite}：${formatValue(Math.round(total * 10) / 10)}`,
        sourceMixLine(locale, mix, 'indicators'),
      ]);
    }
    const { part } = step;
    return tooltipHtml([
      part.name,
      `${l.score}：${part.score === null ? l.status.missing : formatValue(Math.round(part.score * 10) / 10)}`,
      `${l.weight}：${formatPercent(part.weight)}`,
      `${l.contribution}：+${formatValue(Math.round(part.contribution * 10) / 10)}`,
      sourceLine(locale, part.source, part.sourceText),
    ]);
  };

  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animationDuration: 300,
    tooltip: { trigger: 'item', formatter: tooltip },
    grid: { left: 8, right: 56, top: 8, bottom: 8, containLabel: true },
    xAxis: { type: 'value', min: 0, axisLabel: { color: c.sub }, splitLine: { lineStyle: { color: c.grid } } },
    yAxis: {
      type: 'category',
      inverse: true,
      data: names,
      axisTick: { show: false },
      axisLabel: { color: c.main, interval: 0 },
    },
    series: [
      {
        type: 'bar',
        stack: 'w',
        silent: true,
        itemStyle: { color: 'transparent' },
        tooltip: { show: false },
        data: [...steps.map((s) => s.start), 0],
      },
      {
        type: 'bar',
        stack: 'w',
        name: l.contribution,
        barMaxWidth: 16,
        data: [
          ...steps.map((s) => ({
            value: s.part.contribution,
            itemStyle: s.part.score === null ? { color: STATUS_COLORS.missing } : { color: DATA.bar },
            label: {
              show: true,
              position: 'right',
              color: c.main,
              formatter:
                s.part.score === null ? l.status.missing : `+${formatValue(Math.round(s.part.contribution * 10) / 10)}`,
            },
          })),
          {
            value: total,
            itemStyle: { color: BRAND },
            label: {
              show: true,
              position: 'right',
              color: c.main,
              fontWeight: 'bold',
              formatter: formatValue(Math.round(total * 10) / 10),
            },
          },
        ],
      },
    ],
  } as EChartsOption;
}
