import { type Locale } from '@bixue/charts';
import { asOfLabel, tryParseMonth } from '@bixue/domain';
import { type Caller, unparsed } from '../context.ts';
import type { TitleSlide } from '../pptx.ts';
import type { BriefItem } from './spec.ts';

const WORDS = {
  'zh-CN': {
    title: (org: string) => `${org}党建指标简报`,
    windows: (w: string) => `报告期：${w}`,
    province: (p: string) => `范围：${p}`,
    asOf: (m: number) => asOfLabel(m, 'zh-CN'),
    charts: (n: number) => `共 ${n} 张图表`,
    made: (t: string) => `生成时间：${t}`,
    sep: '、',
  },
  en: {
    title: (org: string) => `${org}: party-building briefing`,
    windows: (w: string) => `Period: ${w}`,
    province: (p: string) => `Province: ${p}`,
    asOf: (m: number) => asOfLabel(m, 'en').replace(/^d/, 'D'),
    charts: (n: number) => `${n} ${n === 1 ? 'chart' : 'charts'}`,
    made: (t: string) => `Made ${t}`,
    sep: ', ',
  },
};

/** A unit the briefing is about: the first chart's unit or group root, else the viewer's own unit. */
async function homeUnit(caller: Caller, items: readonly BriefItem[]): Promise<string> {
  for (const i of items) {
    if (i.unit) return i.unit;
    const root = /^(?:siblings:|level:\w+@)(\d{6})$/.exec(i.group ?? '')?.[1];
    if (root) return root;
  }
  return (await caller.session.me())?.scopeUnitCode ?? '';
}

/**
 * The briefing's first slide (and the 通报's heading): the caller's province or unit, the windows
 * its charts show (as their context lines say them: 2026年（数据截至2026年6月）), the province's
 * data as-of month (数据截至, the month every window is judged up to, said even when it clipped
 * none), how many charts, when it was made.
 */
export async function briefTitle(
  caller: Caller,
  items: readonly BriefItem[],
  windows: readonly string[],
  locale: Locale,
  made: string,
): Promise<TitleSlide> {
  const w = WORDS[locale];
  const code = await homeUnit(caller, items);
  const today = items.find((i) => i.today)?.today;
  const [home, asOf] = await Promise.all([
    caller.units.get({ unit: code }).catch(() => null),
    caller.analytics.asOf(unparsed({ unit: code, today })).catch(() => null),
  ]);
  // the province the charts are about: the root of the unit's ancestors
  const root = home && (home.ancestors[0] ?? home);
  const org = root ? (locale === 'en' ? root.nameEn : root.name) : 'bixue';
  const month = asOf ? tryParseMonth(asOf.month) : null;
  // said once: a window the month clipped says it already
  const asOfLine = month === null ? null : w.asOf(month);
  const saidAsOf = month !== null && windows.some((x) => x.includes(asOfLabel(month, locale)));
  return {
    title: w.title(org),
    lines: [
      w.province(org),
      w.windows(windows.join(w.sep)),
      ...(asOfLine && !saidAsOf ? [asOfLine] : []),
      w.charts(items.length),
      w.made(made),
    ],
  };
}
