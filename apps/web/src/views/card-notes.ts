import type { Heatmap, Ranking } from '@bixue/api';

type Translate = (key: string, params: Record<string, string>) => string;

/** 80 % as a reader writes it: no decimals unless the setting has them. */
const percent = (ratio: number) => `${Number((ratio * 100).toFixed(1))}%`;

/**
 * The cards' notes say the rules with the province's own settings (the composite's cap, the
 * status thresholds), as the answer that drew the card reports them; until it arrives, no note.
 */
export function rankingNote(t: Translate, r: Pick<Ranking, 'cap'> | null | undefined): string {
  return r ? t('overview.noteRanking', { cap: String(r.cap) }) : '';
}

export function heatmapNote(t: Translate, h: Pick<Heatmap, 'thresholds'> | null | undefined): string {
  return h
    ? t('overview.noteHeatmap', { green: percent(h.thresholds.green), yellow: percent(h.thresholds.yellow) })
    : '';
}
