import { BRAND, buildTrendLine, DATA, trendPoints } from '@bixue/charts';
import { type Caller, catalogOf, groupLabel, periodText, readable, unparsed } from '../context.ts';
import type { ChartDoc } from '../doc.ts';
import type { ExportRequest } from '../request.ts';
import { rollupText, ZH } from './common.ts';

/** One unit's indicator over the last eight windows beside its peers' median, band and the target. */
export async function trendDoc(caller: Caller, req: ExportRequest): Promise<Omit<ChartDoc, 'sourceLine'>> {
  const t = await readable(
    caller.analytics.trend(
      unparsed({ unit: req.unit, indicator: req.indicator, window: req.window, group: req.group, today: req.today }),
    ),
  );
  const [unit, catalog] = await Promise.all([caller.units.get({ unit: t.unit }), catalogOf(caller)]);
  const indicator = catalog.get(t.indicator)!;
  const points = trendPoints(t, 'zh-CN');
  const first = t.points[0]!.window;
  const last = t.points.at(-1)!.window;
  return {
    kind: 'trend',
    title: `${indicator.nameZh}趋势`,
    context: `${unit.name} · ${periodText(first)}—${periodText(last)} · ${await groupLabel(caller, t.group, t.unit)}`,
    option: buildTrendLine({ points, unit: indicator.unit, unitName: unit.name, selected: t.unit }),
    legend: [],
    table: {
      columns: [
        { key: 'window', label: '报告期' },
        { key: 'value', label: `${unit.name}（${indicator.unit}）` },
        { key: 'status', label: '数据状态' },
        { key: 'median', label: ZH.median },
        { key: 'p25', label: '同级 P25' },
        { key: 'p75', label: '同级 P75' },
        { key: 'target', label: ZH.target },
        { key: 'yoy', label: ZH.yoy, format: 'change' },
        { key: 'pop', label: ZH.mom, format: 'change' },
      ],
      rows: t.points.map((p, i) => ({
        window: points[i]!.label,
        value: p.value,
        status: rollupText(p.status, p.coverage),
        median: p.peerMedian,
        p25: p.peerP25,
        p75: p.peerP75,
        target: p.target,
        yoy: p.yoy,
        pop: p.pop,
      })),
    },
    native: {
      type: 'line',
      horizontal: false,
      categories: points.map((p) => p.label),
      series: [
        { name: unit.name, values: t.points.map((p) => p.value), color: BRAND },
        { name: ZH.median, values: t.points.map((p) => p.peerMedian), color: DATA.median, dashed: true },
        ...(t.points.some((p) => p.target !== null)
          ? [{ name: ZH.target, values: t.points.map((p) => p.target), color: DATA.target, dashed: true }]
          : []),
      ],
      valueTitle: indicator.unit,
    },
  };
}
