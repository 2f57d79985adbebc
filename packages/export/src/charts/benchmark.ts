import { BRAND, benchmarkRows, buildBenchmark, DATA, rowScale } from '@bixue/charts';
import { type Caller, catalogOf, groupLabel, periodText, readable, unparsed } from '../context.ts';
import type { ChartDoc } from '../doc.ts';
import type { ExportRequest } from '../request.ts';
import { rollupText, ZH } from './common.ts';

const relative = (v: number | null | undefined, scale: number) =>
  v === null || v === undefined ? null : (v / scale) * 100;

/** A unit against its peers on every indicator: band, median, best and the unit itself. */
export async function benchmarkDoc(caller: Caller, req: ExportRequest): Promise<Omit<ChartDoc, 'sourceLine'>> {
  const b = await readable(
    caller.analytics.benchmark(unparsed({ unit: req.unit, window: req.window, group: req.group, today: req.today })),
  );
  const [unit, catalog] = await Promise.all([caller.units.get({ unit: b.unit }), catalogOf(caller)]);
  const rows = benchmarkRows(b, catalog, 'zh-CN');
  const lines = b.lines.filter((l) => catalog.has(l.indicator));
  return {
    kind: 'benchmark',
    title: '与同级对比',
    context: `${unit.name} · ${periodText(b.window)} · ${await groupLabel(caller, b.group, b.unit)}`,
    option: buildBenchmark({ rows, selected: b.unit }),
    legend: [],
    table: {
      columns: [
        { key: 'indicator', label: '指标' },
        { key: 'unit', label: '计量单位' },
        { key: 'value', label: unit.name },
        { key: 'status', label: '数据状态' },
        { key: 'rank', label: '名次' },
        { key: 'ranked', label: '参与排名' },
        { key: 'p25', label: '同级 P25' },
        { key: 'median', label: ZH.median },
        { key: 'p75', label: '同级 P75' },
        { key: 'best', label: ZH.best },
        { key: 'bestUnit', label: '最佳单位' },
        { key: 'quartile', label: '四分位' },
      ],
      rows: lines.map((l) => {
        const i = catalog.get(l.indicator)!;
        return {
          indicator: i.nameZh,
          unit: i.unit,
          value: l.value,
          status: rollupText(l.status, l.coverage),
          rank: l.rank,
          ranked: l.ranked,
          p25: l.peerP25,
          median: l.peerMedian,
          p75: l.peerP75,
          best: l.best?.value ?? null,
          bestUnit: l.best?.unit?.name ?? '',
          quartile: l.quartile,
        };
      }),
    },
    native: {
      type: 'bar',
      horizontal: true,
      categories: rows.map((r) => r.indicator.name),
      series: [
        { name: unit.name, values: rows.map((r) => relative(r.value, rowScale(r))), color: BRAND },
        { name: ZH.median, values: rows.map((r) => relative(r.median, rowScale(r))), color: DATA.median },
        { name: ZH.best, values: rows.map((r) => relative(r.best?.value, rowScale(r))), color: DATA.bar },
      ],
      valueTitle: ZH.relative,
    },
  };
}
