import ExcelJS from 'exceljs';
import { type Indicator, LEVEL_LABELS, type Period, periodLabel, plausibleLimit, spreadsheetText } from '@bixue/domain';
import type { Unit } from '@bixue/db';
import { WIDE_COLUMNS } from './plan.ts';
import { indicatorHeader } from './values.ts';

export interface TemplateInput {
  units: readonly Pick<Unit, 'code' | 'name' | 'level' | 'parent_code'>[];
  indicators: readonly Indicator[];
  period: Period;
  /** the current values to pre-fill, keyed `unit\0indicator` */
  values?: ReadonlyMap<string, number | null>;
}

const AGG_ZH = { sum: '期内求和', last: '取期末值', max: '取最大值' } as const;

/**
 * The wide template: one row per unit for the period, one column per reported indicator with
 * its unit in the header; a second sheet lists the units, a third the indicators.
 */
export async function buildTemplate({ units, indicators, period, values }: TemplateInput): Promise<Buffer> {
  const reported = indicators.filter((i) => !i.formula);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'bixue 比学赶超';
  const data = wb.addWorksheet('数据填报', { views: [{ state: 'frozen', xSplit: 3, ySplit: 1 }] });
  data.columns = [
    { header: WIDE_COLUMNS.unit, key: 'unit', width: 12 },
    { header: WIDE_COLUMNS.name, key: 'name', width: 22 },
    { header: WIDE_COLUMNS.period, key: 'period', width: 10 },
    ...reported.map((i) => ({
      header: indicatorHeader(i),
      key: i.code,
      width: Math.max(10, indicatorHeader(i).length * 2 + 2),
    })),
  ];
  data.getRow(1).font = { bold: true };
  data.getRow(1).alignment = { wrapText: true, vertical: 'middle' };
  for (const u of units) {
    const row: Record<string, string | number | null> = {
      unit: u.code,
      // a name that could be read as a formula stays text
      name: spreadsheetText(u.name),
      period: period.code,
    };
    for (const i of reported) row[i.code] = values?.get(`${u.code}\u0000${i.code}`) ?? null;
    data.addRow(row);
  }
  // codes and periods stay text so Excel does not turn 2024 into a number or drop leading zeros
  for (const key of ['unit', 'period']) data.getColumn(key).numFmt = '@';

  const unitSheet = wb.addWorksheet('单位');
  unitSheet.columns = [
    { header: '单位代码', key: 'code', width: 12 },
    { header: '单位名称', key: 'name', width: 24 },
    { header: '级别', key: 'level', width: 8 },
    { header: '上级单位代码', key: 'parent', width: 14 },
  ];
  unitSheet.getRow(1).font = { bold: true };
  for (const u of units)
    unitSheet.addRow({
      code: u.code,
      name: spreadsheetText(u.name),
      level: LEVEL_LABELS[u.level].zh,
      parent: u.parent_code ?? '',
    });

  const indicatorSheet = wb.addWorksheet('指标');
  indicatorSheet.columns = [
    { header: '列名', key: 'header', width: 26 },
    { header: '指标代码', key: 'code', width: 24 },
    { header: '计量单位', key: 'unit', width: 9 },
    { header: '时间汇总', key: 'agg', width: 10 },
    { header: `合理上限(${periodLabel(period)})`, key: 'max', width: 16 },
  ];
  indicatorSheet.getRow(1).font = { bold: true };
  for (const i of reported)
    indicatorSheet.addRow({
      header: indicatorHeader(i),
      code: i.code,
      unit: i.unit,
      agg: AGG_ZH[i.aggregation],
      max: plausibleLimit(i, period),
    });
  indicatorSheet.addRow({});
  indicatorSheet.addRow({ header: '说明：空白 = 未报送（不计为0）；未公开的数填 X 或 *；不要使用公式或合并单元格。' });

  return Buffer.from(await wb.xlsx.writeBuffer());
}
