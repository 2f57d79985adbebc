import { chartLabels, type Locale, pageRange, UNIT_PAGE_SIZE } from '@bixue/charts';
import { type Caller, catalogOf, unparsed } from '../context.ts';
import type { ChartDoc } from '../doc.ts';
import { type ExportRequest, perMemberOf } from '../request.ts';

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

/**
 * A card's input as asked (its procedure parses it): the window, peer group, day and data version
 * every card takes, and `more` of its own.
 */
export function cardInput(req: ExportRequest, more: Record<string, string | undefined> = {}): never {
  return unparsed({ window: req.window, group: req.group, today: req.today, version: req.version, ...more });
}

/** ?perMember=1 in a card's input, for the cards that can show values per party member */
export const perMemberInput = (req: ExportRequest) => (perMemberOf(req) ? { perMember: true as never } : {});

/** The input of a unit's card over its peers (composite, small multiples). */
export const unitCardInput = (req: ExportRequest): never => cardInput(req, { unit: req.unit, ...perMemberInput(req) });

/** The unit a card is about, named in the file's language, and the indicator catalog. */
export async function unitAndCatalog(caller: Caller, code: string, locale: Locale) {
  const [unit, catalog] = await Promise.all([caller.units.get({ unit: code }), catalogOf(caller)]);
  return { unitName: locale === 'en' ? unit.shortNameEn : unit.name, catalog };
}
