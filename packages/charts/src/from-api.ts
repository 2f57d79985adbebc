/**
 * What every kind's API → rows mapping shares: a value's coverage, its drawing status, an
 * indicator's name in the chosen language. One mapping for the web app's cards and the server's
 * exports, so a download shows what the screen shows.
 */
import { type Indicator, measureUnitText } from '@bixue/domain';
import type { Status } from './palette.ts';
import type { Coverage, IndicatorRef } from './types.ts';

export type RollupStatus = 'value' | 'partial' | 'missing' | 'undisclosed';
type Colour = 'green' | 'yellow' | 'red' | 'grey';
export type Lang = 'zh-CN' | 'en';

/** Partial values carry their coverage; complete ones none. */
export function coverageOf(status: RollupStatus, c: { months: number; of: number } | null): Coverage | null {
  return status === 'partial' && c ? { covered: c.months, total: c.of } : null;
}

/** A status colour for drawing: grey splits into 未报送 and 未公开; null = a value without a target. */
export function statusOf(rollup: RollupStatus, colour: Colour): Status | null {
  if (rollup === 'missing' || rollup === 'undisclosed') return rollup;
  return colour === 'grey' ? null : colour;
}

/** A unit as the answers name it: in Chinese, and in English (stored, else romanised; Peer X when anonymised). */
export interface NamedInBoth {
  name: string;
  nameEn: string;
  shortNameEn: string;
}

/** The name tables, legends and sentences use. */
export function unitNameIn(u: NamedInBoth, lang: Lang): string {
  return lang === 'en' ? u.nameEn : u.name;
}

/**
 * The name on a chart's axis: in English the short name (Nanping), where romanised full names
 * (Nanping City Meteorological Bureau) would crowd the axis; in Chinese the full name, as ever.
 */
export function axisNameIn(u: NamedInBoth, lang: Lang): string {
  return lang === 'en' ? u.shortNameEn : u.name;
}

export function indicatorRef(i: Indicator, lang: Lang): IndicatorRef {
  return {
    code: i.code,
    name: lang === 'en' ? i.nameEn : i.nameZh,
    unit: measureUnitText(i.unit, lang),
    category: i.category,
  };
}
