import { InputError, toTRPCError } from '@bixue/api';
import type { Locale } from '@bixue/charts';
import { CHART_KINDS, type ChartKind, issueSaid, type Said, unitCodeSchema } from '@bixue/domain';

export { CHART_KINDS, type ChartKind } from '@bixue/domain';

export const EXPORT_FORMATS = ['png', 'svg', 'xlsx', 'csv', 'pptx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** domain.md §8: slide sizes; PNGs carry twice the pixels. */
export const SLIDE_SIZES = {
  '1920x1080': { width: 1920, height: 1080 },
  '1280x720': { width: 1280, height: 720 },
} as const;
export type SlideSize = keyof typeof SLIDE_SIZES;
export const DEFAULT_SIZE: SlideSize = '1920x1080';

/**
 * What the CLI's options and the HTTP query carry, as text. The analytics procedure validates
 * its own fields (unit, indicator, window, group, today); `parseExportOptions` the rest.
 */
export interface ExportRequest {
  chart: string;
  format: string;
  unit?: string | undefined;
  indicator?: string | undefined;
  window?: string | undefined;
  group?: string | undefined;
  size?: string | undefined;
  today?: string | undefined;
  /** a long list of units (ranking, heatmap) draws one page, default the selected unit's; a benchmark one page of categories */
  page?: string | undefined;
  /** zh (default) or en: every word of the file */
  lang?: string | undefined;
  /** ranking, composite: per party member (any value but '' and 'false' means yes) */
  perMember?: string | undefined;
  /** draw the chart from the facts as they stood at this data version of the province (domain.md §9) */
  version?: string | undefined;
}

export const LANGS = ['zh', 'en'] as const;

/** The file's language as the charts name it. */
export function localeOf(req: Pick<ExportRequest, 'lang'>): Locale {
  return oneOf('lang', req.lang, LANGS, 'zh') === 'en' ? 'en' : 'zh-CN';
}

/** ?perMember=1 / --per-member: the flag as the procedures take it. */
export function perMemberOf(req: Pick<ExportRequest, 'perMember'>): boolean {
  return req.perMember !== undefined && req.perMember !== '' && req.perMember !== 'false';
}

/** Bad input as the HTTP faces and the CLI report it: a 400 / exit 1 naming the field. */
export function badInput(field: string, said: Said): Error {
  return toTRPCError(new InputError({ zh: `${field}: ${said.zh}`, en: `${field}: ${said.en}` }, field)) as Error;
}

function oneOf<T extends string>(field: string, value: string | undefined, allowed: readonly T[], fallback?: T): T {
  const v = value ?? fallback;
  if (v !== undefined && (allowed as readonly string[]).includes(v)) return v as T;
  throw badInput(field, {
    zh: `应为 ${allowed.join('、')} 之一${value === undefined ? '（未给出）' : `，收到 ${value.slice(0, 40)}`}`,
    en: `must be one of ${allowed.join(', ')}${value === undefined ? ' (none given)' : `, got ${value.slice(0, 40)}`}`,
  });
}

export function chartKind(req: ExportRequest): ChartKind {
  return oneOf('chart', req.chart, CHART_KINDS);
}

export function fileOptions(req: Pick<ExportRequest, 'format' | 'size'>): { format: ExportFormat; size: SlideSize } {
  return {
    format: oneOf('format', req.format, EXPORT_FORMATS),
    size: oneOf('size', req.size, Object.keys(SLIDE_SIZES) as SlideSize[], DEFAULT_SIZE),
  };
}

/** The unit drawn in the brand colour where the chart's procedure takes no unit (ranking, heatmap). */
export function highlightedUnit(req: ExportRequest): string | null {
  if (req.unit === undefined || req.unit === '') return null;
  const r = unitCodeSchema.safeParse(req.unit);
  if (!r.success)
    throw badInput(
      'unit',
      r.error.issues[0] ? issueSaid(r.error.issues[0]) : { zh: '单位代码无效', en: 'invalid unit code' },
    );
  return r.data;
}

/** The page asked for, or null for the view's default (the page of the selected unit). */
export function requestedPage(req: ExportRequest): number | null {
  if (req.page === undefined || req.page === '') return null;
  const n = Number(req.page);
  if (!Number.isInteger(n) || n < 1 || n > 100_000)
    throw badInput('page', {
      zh: `应为正整数，收到 ${req.page.slice(0, 20)}`,
      en: `must be a positive whole number, got ${req.page.slice(0, 20)}`,
    });
  return n;
}
