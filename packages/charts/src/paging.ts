/**
 * One page of a long list of units (a ranking of 2,500 counties, the rows of a heatmap): charts
 * draw a page, while tables, CSV and every aggregate keep the whole list. Pages are 1-based, as
 * the pager shows them.
 */

/** Units a page shows: what fits a card at 1280×720, and a slide. */
export const UNIT_PAGE_SIZE = 25;

export function pageCount(total: number, size: number): number {
  return Math.max(1, Math.ceil(total / size));
}

/** A page number from the URL or a pager, kept inside 1…pageCount (an old bookmark may point past the end). */
export function clampPage(page: number, total: number, size: number): number {
  if (!Number.isFinite(page)) return 1;
  return Math.min(Math.max(1, Math.floor(page)), pageCount(total, size));
}

/** The page that holds the unit, or null when it is not in the list. */
export function pageOf(codes: readonly string[], code: string | null | undefined, size: number): number | null {
  const i = code ? codes.indexOf(code) : -1;
  return i < 0 ? null : Math.floor(i / size) + 1;
}

/**
 * The page to show: the one the URL asks for, else the one holding the selected unit (a county
 * opening its peers' overview sees itself), else the first.
 */
export function currentPage(
  requested: number | null,
  codes: readonly string[],
  selected: string | null | undefined,
  size: number,
): number {
  return clampPage(requested ?? pageOf(codes, selected, size) ?? 1, codes.length, size);
}

export function pageSlice<T>(rows: readonly T[], page: number, size: number): T[] {
  const p = clampPage(page, rows.length, size);
  return rows.slice((p - 1) * size, p * size);
}

/** 1-based positions of the first and last row of a page ("第 31–60 名"), 0–0 for an empty list. */
export function pageRange(total: number, page: number, size: number): { from: number; to: number } {
  if (total === 0) return { from: 0, to: 0 };
  const p = clampPage(page, total, size);
  return { from: (p - 1) * size + 1, to: Math.min(p * size, total) };
}

/**
 * `first` in the order of `order`, the ones `order` does not know after them in their own order:
 * the heatmap's units follow the ranking on screen, so a page shows the same units in both cards.
 */
export function followOrder<T extends { code: string }>(first: readonly T[], order: readonly string[]): T[] {
  const at = new Map(order.map((c, i) => [c, i]));
  return first
    .map((x, i) => ({ x, k: at.get(x.code) ?? order.length + i }))
    .sort((a, b) => a.k - b.k)
    .map((e) => e.x);
}
