import type { createCaller } from '@bixue/api';
import { beijingTime, chartLabels, type Locale, sourceLineOf } from '@bixue/charts';
import {
  asOfLabel,
  type Indicator,
  issueSaid,
  judgedWindowLabel,
  parsePeriod,
  periodLabel,
  tryParseMonth,
} from '@bixue/domain';
import { TRPCError } from '@trpc/server';
import type { DrawnFrom } from './doc.ts';
import { badInput } from './request.ts';

export type Caller = ReturnType<typeof createCaller>;

/**
 * Procedure input errors name their field the way the CLI and the HTTP faces report them
 * ("window: …"), instead of tRPC's JSON list of issues.
 */
export async function readable<T>(call: Promise<T>): Promise<T> {
  try {
    return await call;
  } catch (e) {
    const issue = (e as { cause?: { issues?: { path: PropertyKey[]; message: string }[] } }).cause?.issues?.[0];
    if (e instanceof TRPCError && e.code === 'BAD_REQUEST' && issue)
      throw badInput(String(issue.path[0] ?? 'input'), issueSaid(issue));
    throw e;
  }
}

/**
 * Text straight from the CLI or the query string, for the procedure to parse: it validates every
 * field (a missing window is its 400 too), so the export does not check them twice.
 */
export function unparsed(input: Record<string, string | undefined>): never {
  return input as never;
}

export function periodText(code: string, locale: Locale = 'zh-CN'): string {
  return periodLabel(parsePeriod(code), locale === 'en' ? 'en' : 'zh-CN');
}

/**
 * The window of a file's context line as the card titles say it: "2026年（数据截至2026年6月）"
 * when the data as-of month clipped it (domain.md §5: every export of such a window says so).
 */
export function windowText(
  code: string,
  judged: { asOf: string; clipped: boolean } | null | undefined,
  locale: Locale = 'zh-CN',
): string {
  return judgedWindowLabel(parsePeriod(code), judged, locale === 'en' ? 'en' : 'zh-CN');
}

/**
 * A series' span, first window to last (windowText): "2022年下半年—2026年上半年" with the Chinese
 * dash, "H2 2022–H1 2026" with the English en dash.
 */
export function seriesSpanText(
  first: string,
  last: string,
  judged: { asOf: string; clipped: boolean } | null | undefined,
  locale: Locale = 'zh-CN',
): string {
  return `${periodText(first, locale)}${locale === 'en' ? '–' : '—'}${windowText(last, judged, locale)}`;
}

/** "数据截至2026年6月" when the as-of month clipped the window; null when it did not. */
export function asOfNote(
  judged: { asOf: string; clipped: boolean } | null | undefined,
  locale: Locale = 'zh-CN',
): string | null {
  const asOf = judged?.clipped ? tryParseMonth(judged.asOf) : null;
  return asOf === null ? null : asOfLabel(asOf, locale === 'en' ? 'en' : 'zh-CN');
}

/**
 * The web app's name of a peer group (groups.ts): 甲市气象局下属单位, 全省县局, or the custom
 * group's name. A reporter may read its parent only through its own unit's ancestors.
 */
export async function groupLabel(
  caller: Caller,
  spec: string,
  member: string | null,
  locale: Locale = 'zh-CN',
): Promise<string> {
  const l = chartLabels(locale);
  const [kind, rest = ''] = spec.split(/:(.*)/s);
  if (kind === 'level') return l.levelGroup[rest.split('@')[0] ?? ''] ?? spec;
  if (kind === 'group') return rest;
  if (kind !== 'siblings') return spec;
  const name = await caller.units
    .get({ unit: rest })
    .then((u) => (locale === 'en' ? u.shortNameEn : u.name))
    .catch(async (e: unknown) => {
      if (!(e instanceof TRPCError) || e.code !== 'FORBIDDEN' || !member) return null;
      const own = await caller.units.get({ unit: member });
      const parent = own.ancestors.find((a) => a.code === rest);
      return parent ? (locale === 'en' ? parent.shortNameEn : parent.name) : null;
    });
  return l.childrenOf(name ?? rest);
}

export async function catalogOf(caller: Caller): Promise<Map<string, Indicator>> {
  return new Map((await caller.catalog.indicators()).map((i) => [i.code, i]));
}

/** The as-of fields of an analytics answer, as a file names what it was drawn from. */
export function drawnFrom(r: DrawnFrom): DrawnFrom {
  return {
    asOf: r.asOf,
    clipped: r.clipped,
    dataVersion: r.dataVersion,
    unapproved: r.unapproved,
  };
}

/** The source line of a file drawn now (sourceLineOf: the data version, as-of month, 含未审核数据). */
export function sourceLine(now: Date, locale: Locale = 'zh-CN', from: DrawnFrom | null = null): string {
  return sourceLineOf(locale, beijingTime(now), from);
}
