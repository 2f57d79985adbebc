import { chartLabels, type Locale, pageRange, UNIT_PAGE_SIZE } from '@bixue/charts';
import type { Caller } from '../context.ts';
import type { ChartDoc } from '../doc.ts';
import type { ExportRequest } from '../request.ts';

/** What a kind's document builder gets: the procedures as the caller, the request, the file's language. */
export interface DocInput {
  caller: Caller;
  req: ExportRequest;
  locale: Locale;
}

export type DocBuilder = (input: DocInput) => Promise<Omit<ChartDoc, 'sourceLine'>>;

/** "第 26–50 位，共 93 个单位" when a slide shows one page of a longer list; empty when all fit. */
export function pageNote(total: number, page: number, locale: Locale): string {
  if (total <= UNIT_PAGE_SIZE) return '';
  const { from, to } = pageRange(total, page, UNIT_PAGE_SIZE);
  return chartLabels(locale).pageNote(from, to, total.toLocaleString('en-US'));
}
