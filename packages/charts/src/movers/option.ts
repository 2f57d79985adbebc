import type { EChartsOption } from 'echarts';
import { formatChange } from '../format.ts';
import { chartLabels } from '../labels.ts';
import { DATA, FONT_FAMILY, STATUS_COLORS } from '../palette.ts';
import { countAxis, textColors } from '../text.ts';
import type { CommonOptions } from '../types.ts';
import type { Movers } from './rows.ts';

export interface MoversInput extends CommonOptions {
  movers: Movers;
}

/** The climbers' and the fallers' rank changes as one diverging bar, climbers on top. */
export function moverBars(movers: Movers): { name: string; change: number }[] {
  return [...movers.up, ...movers.down].map((r) => ({ name: r.axisName ?? r.name, change: r.change }));
}

/** 进步最快 / 退步最多: places gained right of zero, places lost left of it, each bar labelled ↑3 / ↓2. */
export function buildMovers(input: MoversInput): EChartsOption {
  const locale = input.locale ?? 'zh-CN';
  const l = chartLabels(locale);
  const c = textColors(input.dark);
  const bars = moverBars(input.movers);
  return {
    textStyle: { fontFamily: FONT_FAMILY },
    animationDuration: 300,
    grid: { left: 8, right: 40, top: 8, bottom: 28, containLabel: true },
    xAxis: countAxis(l.rankChange, c),
    yAxis: {
      type: 'category',
      inverse: true,
      data: bars.map((b) => b.name),
      axisTick: { show: false },
      axisLabel: { color: c.main, interval: 0 },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 16,
        data: bars.map((b) => ({
          value: b.change,
          // climbing in the calm data colour; red keeps meaning "behind"
          itemStyle: { color: b.change > 0 ? DATA.bar : STATUS_COLORS.red },
          label: {
            show: true,
            position: b.change > 0 ? 'right' : 'left',
            color: c.main,
            formatter: () => formatChange(b.change, locale),
          },
        })),
      },
    ],
  };
}
