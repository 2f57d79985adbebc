import type { UnitLevel } from './unit.ts';

export type FactStatus = 'value' | 'undisclosed';

/** One proposed fact; `start`/`end` locate `text`, its sentence, in the original report. */
export interface ExtractedFact {
  indicator: string;
  status: FactStatus;
  value: number | null;
  text: string;
  start: number;
  end: number;
  confidence: number;
}

export interface ExtractResult {
  period: string | null;
  level: UnitLevel | null;
  unitName: string | null;
  facts: ExtractedFact[];
}

/** A figure found for an indicator before duplicates are resolved. Offsets are into the normalised text. */
export interface Candidate {
  indicator: string;
  /** null when the figure is masked (X次, *名). */
  value: number | null;
  counter: string;
  sentenceStart: number;
  sentenceEnd: number;
  /** Stated as the unit's total (共计, 累计, 全年). */
  total: boolean;
  /** Whose share this is (班子, 全体党员), when the figure is one part of a sum. */
  part: string | null;
  /** A share of a total already stated (其中…). */
  breakdown: boolean;
  /** Tied to a month or quarter inside the report's period. */
  subPeriod: boolean;
  /** 一千余, 20多: a lower bound. */
  approx: boolean;
  /** Starting confidence from how the figure was tied to its phrase. */
  confidence: number;
}
