import type { Trend, Trends } from '@bixue/api';
import type { Indicator } from '@bixue/domain';
import { indicatorRef, type Lang } from '../from-api.ts';
import { chartLabels } from '../labels.ts';
import type { TrendPoint } from '../trend/option.ts';
import { trendPoints } from '../trend/rows.ts';
import type { IndicatorRef } from '../types.ts';

/** One small chart of the 单位画像's grid: an indicator's series and what the API said of it. */
export interface MultipleTile {
  /** its measure per member (次/人) when the series is per member */
  indicator: IndicatorRef;
  points: TrendPoint[];
  trend: Trend;
}

/** Small charts a slide holds: four across, three down, each still readable at 1280×720. */
export const MULTIPLES_PER_PAGE = 12;

/** The API's trends in its order, each with its indicator as the chosen language names it. */
export function multiplesTiles(t: Trends, catalog: ReadonlyMap<string, Indicator>, lang: Lang): MultipleTile[] {
  const l = chartLabels(lang);
  return t.trends.flatMap((tr) => {
    const i = catalog.get(tr.indicator);
    if (!i) return [];
    const ref = indicatorRef(i, lang);
    return [
      {
        indicator: tr.perMember ? { ...ref, unit: l.perMember(ref.unit) } : ref,
        points: trendPoints(tr, lang),
        trend: tr,
      },
    ];
  });
}

/** The tiles a slide shows: a grid of the catalog is split over slides, never shrunk past reading. */
export function multiplesPages<T>(tiles: readonly T[], size: number = MULTIPLES_PER_PAGE): T[][] {
  const pages: T[][] = [];
  for (let i = 0; i < tiles.length; i += size) pages.push(tiles.slice(i, i + size));
  return pages.length ? pages : [[]];
}
