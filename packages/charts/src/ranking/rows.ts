import type { Ranking } from '@bixue/api';
import { axisNameIn, coverageOf, type Lang, unitNameIn } from '../from-api.ts';
import type { RankingRow } from './option.ts';

export function rankingRows(r: Ranking, lang: Lang): RankingRow[] {
  // ties over the whole group, counted once (a national ranking has thousands of entries)
  const sharing = new Map<number, number>();
  for (const e of r.entries) if (e.rank !== null) sharing.set(e.rank, (sharing.get(e.rank) ?? 0) + 1);
  return r.entries.map((e) => ({
    code: e.unit,
    name: unitNameIn(e, lang),
    axisName: axisNameIn(e, lang),
    value: e.value,
    // ranked rows are drawn by value; the status only names the unranked ones
    status: e.status === 'undisclosed' ? 'undisclosed' : e.status === 'missing' ? 'missing' : 'green',
    coverage: coverageOf(e.status, e.coverage),
    rank: e.rank,
    tied: e.rank !== null && sharing.get(e.rank)! > 1,
    change: e.rank === null ? null : e.change === null ? 'new' : e.change,
    source: e.source,
    sourceText: e.sourceText,
    sources: e.sources,
  }));
}
