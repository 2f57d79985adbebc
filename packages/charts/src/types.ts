import type { FactSource, RankChange, SourceMix } from './format.ts';
import type { Locale } from './labels.ts';
import type { Status } from './palette.ts';

/** How much of the window a partial value covers (6 of 12 months). */
export interface Coverage {
  covered: number;
  total: number;
}

/** One number on screen with everything needed to draw it honestly. */
export interface Observed {
  /** null when missing (未报送) or undisclosed (未公开), never 0 */
  value: number | null;
  status: Status;
  coverage?: Coverage | null;
  source?: FactSource | null;
  sourceText?: string | null;
  /** an aggregate's sources instead (a composite score counts its indicators) */
  sources?: SourceMix | null;
}

export interface UnitRef {
  code: string;
  name: string;
  /** on a chart's axis instead of the name: the English short name (Nanping) */
  axisName?: string;
}

export interface IndicatorRef {
  code: string;
  name: string;
  /** measure unit: 次, 名, %, … */
  unit: string;
  /** the catalogue's category (organization_life, …): what a benchmark pages by */
  category?: string;
}

export interface CommonOptions {
  locale?: Locale;
  /** code of the unit drawn in the brand colour */
  selected?: string | null;
  /** 'dark' for the 大屏: light text on a dark background */
  dark?: boolean;
}

export type { RankChange, Status };
