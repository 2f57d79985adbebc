import type { BasketItem } from '@bixue/api';
import { badInput, type ExportRequest } from '../request.ts';

export const BRIEF_FORMATS = ['pptx', 'docx', 'zip'] as const;
export type BriefFormat = (typeof BRIEF_FORMATS)[number];

/** One chart of a briefing: what an export request says apart from the format, and an optional title of the user's. */
export type BriefItem = Omit<ExportRequest, 'format' | 'size' | 'lang'> & { title?: string | undefined };

/** SPEC forms of contracts.md `brief`, and what each takes after its kind. */
const FORMS: Record<string, { chart: string; fields: readonly ('unit' | 'indicator')[]; usage: string }> = {
  ranking: { chart: 'ranking', fields: ['indicator'], usage: 'ranking:INDICATOR|composite' },
  heatmap: { chart: 'heatmap', fields: [], usage: 'heatmap' },
  'status-counts': { chart: 'status-counts', fields: [], usage: 'status-counts' },
  movers: { chart: 'movers', fields: [], usage: 'movers' },
  benchmark: { chart: 'benchmark', fields: ['unit'], usage: 'benchmark:UNIT' },
  trend: { chart: 'trend', fields: ['unit', 'indicator'], usage: 'trend:UNIT:INDICATOR' },
  composite: { chart: 'composite', fields: ['unit'], usage: 'composite:UNIT' },
  gaps: { chart: 'gaps', fields: ['unit'], usage: 'gaps:UNIT' },
  completeness: { chart: 'completeness', fields: [], usage: 'completeness' },
  multiples: { chart: 'multiples', fields: ['unit'], usage: 'multiples:UNIT' },
};
const usages = Object.values(FORMS).map((f) => f.usage);

/** At most this many charts in one briefing: a meeting's deck, not a data dump. */
export const MAX_BRIEF_ITEMS = 30;

/**
 * `ranking:composite,heatmap,benchmark:990101,trend:990101:members_congress` → one item per SPEC
 * in order, each with the briefing's window, group and data version. The procedures check the codes themselves.
 */
export function parseChartSpecs(
  text: string,
  common: Pick<BriefItem, 'window' | 'group' | 'today' | 'version'>,
): BriefItem[] {
  const specs = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (!specs.length)
    throw badInput('charts', {
      zh: '至少给出一个图表，如 ranking:composite,heatmap',
      en: 'name at least one chart, such as ranking:composite,heatmap',
    });
  if (specs.length > MAX_BRIEF_ITEMS)
    throw badInput('charts', {
      zh: `最多 ${MAX_BRIEF_ITEMS} 个图表，收到 ${specs.length} 个`,
      en: `at most ${MAX_BRIEF_ITEMS} charts, got ${specs.length}`,
    });
  return specs.map((spec) => {
    const [kind = '', ...args] = spec.split(':');
    const form = FORMS[kind];
    if (!form)
      throw badInput('charts', {
        zh: `未知的图表 ${spec.slice(0, 40)}，应为 ${usages.join('、')}`,
        en: `unknown chart ${spec.slice(0, 40)}, write one of ${usages.join(', ')}`,
      });
    if (args.length !== form.fields.length || args.some((a) => !a))
      throw badInput('charts', {
        zh: `${spec.slice(0, 40)} 应写作 ${form.usage}`,
        en: `write ${spec.slice(0, 40)} as ${form.usage}`,
      });
    // a chart of a group names no unit: without the briefing's group the procedure's bare
    // "缺少 group" did not say which chart needed it, nor how to write one
    if (!form.fields.includes('unit') && !common.group)
      throw badInput('group', {
        zh: `${spec.slice(0, 40)} 需要单位组：siblings:CODE、level:LEVEL@CODE 或 group:NAME（如 level:county@990000）`,
        en: `${spec.slice(0, 40)} needs a group of units: siblings:CODE, level:LEVEL@CODE or group:NAME (such as level:county@990000)`,
      });
    const item: BriefItem = { chart: form.chart, ...common };
    form.fields.forEach((f, i) => (item[f] = args[i]));
    return item;
  });
}

/** The basket's items (packages/api) as the briefing draws them: the text an export request carries. */
export function briefItems(basket: readonly BasketItem[]): BriefItem[] {
  return basket.map((b) => ({
    chart: b.chart,
    unit: b.unit ?? undefined,
    indicator: b.indicator ?? undefined,
    window: b.window,
    group: b.group ?? undefined,
    page: b.page === null ? undefined : String(b.page),
    perMember: b.perMember ? 'true' : undefined,
    title: b.title ?? undefined,
    // drawn as of the version the card showed when it was added; a card that counted drafts draws
    // the current data (drafts have no versions), with drafts while the province counts them
    version: b.version === null || b.unapproved ? undefined : String(b.version),
  }));
}
