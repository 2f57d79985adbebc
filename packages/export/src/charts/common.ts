import { chartLabels, formatRank, pageRange, type Status, UNIT_PAGE_SIZE } from '@bixue/charts';
import type { Coverage, RollupStatus } from '@bixue/domain';

export const ZH = chartLabels('zh-CN');

/** A value's completeness in words, for the tables: 完整, 部分（6/12月）, 未报送, 未公开. */
export function rollupText(status: RollupStatus, coverage: Coverage | null): string {
  if (status === 'missing' || status === 'undisclosed') return ZH.status[status];
  return status === 'partial' && coverage ? `部分（${ZH.partial(coverage.months, coverage.of)}）` : '完整';
}

/** 党课次数（次） */
export function measured(i: { nameZh: string; unit: string }): string {
  return i.unit ? `${i.nameZh}（${i.unit}）` : i.nameZh;
}

export function statusText(s: Status): string {
  return ZH.status[s];
}

export function rankText(rank: number | null, tied: boolean): string {
  return rank === null ? '' : formatRank(rank, tied);
}

/** "第 26–50 位，共 93 个单位" when a slide shows one page of a longer list; empty when all fit. */
export function pageNote(total: number, page: number): string {
  if (total <= UNIT_PAGE_SIZE) return '';
  const { from, to } = pageRange(total, page, UNIT_PAGE_SIZE);
  return `第 ${from}–${to} 位，共 ${total.toLocaleString('en-US')} 个单位`;
}
