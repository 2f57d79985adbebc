import { formatChange, formatRank } from '../format.ts';
import { chartLabels, type Locale } from '../labels.ts';
import type { TableData } from '../table.ts';
import type { Movers } from './rows.ts';

const WORDS = {
  'zh-CN': { side: '方向', change: (prev: string) => `名次变化（与${prev}相比）` },
  en: { side: 'Direction', change: (prev: string) => `Rank change (vs ${prev})` },
};

/** The climbers then the fallers: the move as a number (+3 / −2) and as words (↑3), and the rank now. */
export function moversTable(movers: Movers, previousWindow: string, locale: Locale): TableData {
  const l = chartLabels(locale);
  const w = WORDS[locale];
  return {
    columns: [
      { key: 'side', label: w.side },
      { key: 'unit', label: l.unitCode },
      { key: 'name', label: l.unitName },
      { key: 'change', label: w.change(previousWindow) },
      { key: 'changeText', label: l.rankChange },
      { key: 'rank', label: l.rank },
    ],
    rows: (['up', 'down'] as const).flatMap((side) =>
      movers[side].map((r) => ({
        side: l[side],
        unit: r.code,
        name: r.name,
        change: r.change,
        changeText: formatChange(r.change, locale),
        rank: r.rank === null ? l.status[r.status] : formatRank(r.rank, r.tied, locale),
      })),
    ),
  };
}
