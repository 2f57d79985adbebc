import type { Ranking } from '@bixue/api';
import { formatRank } from '../format.ts';
import { chartLabels, type Locale, measured, rollupText } from '../labels.ts';
import type { TableData } from '../table.ts';
import type { RankingRow } from './option.ts';

const WORDS = {
  'zh-CN': { rankText: '名次说明', change: (prev: string) => `名次变化（与${prev}相比）` },
  en: { rankText: 'Rank (text)', change: (prev: string) => `Rank change (vs ${prev})` },
};

/**
 * Every unit of the ranking, ranked ones first: rank, its words (并列第3), the value and the rank
 * change; anonymised peers carry no code. `rows` are `rankingRows(r)` in the order to list.
 */
export function rankingTable(
  r: Ranking,
  rows: readonly RankingRow[],
  measure: { name: string; unit: string },
  previousWindow: string,
  locale: Locale,
): TableData {
  const l = chartLabels(locale);
  const w = WORDS[locale];
  const byCode = new Map(r.entries.map((e) => [e.unit, e]));
  return {
    columns: [
      { key: 'rank', label: l.rank },
      { key: 'rankText', label: w.rankText },
      { key: 'unit', label: l.unitCode },
      { key: 'name', label: l.unitName },
      { key: 'value', label: measured(locale, measure.name, measure.unit) },
      { key: 'status', label: l.dataStatus },
      { key: 'change', label: w.change(previousWindow) },
    ],
    rows: rows.map((row) => {
      const e = byCode.get(row.code)!;
      return {
        rank: e.rank,
        rankText: row.rank === null ? l.status[row.status] : formatRank(row.rank, row.tied, locale),
        unit: e.anonymised ? '' : e.unit,
        name: row.name,
        value: e.value,
        status: rollupText(locale, e.status, e.coverage),
        change: e.rank === null ? null : (e.change ?? l.newRank),
      };
    }),
  };
}
