import { type Locale } from '@bixue/charts';
import { type Caller, periodText } from '../context.ts';
import type { TitleSlide } from '../pptx.ts';
import type { BriefItem } from './spec.ts';

const WORDS = {
  'zh-CN': {
    title: (org: string) => `${org}党建指标简报`,
    windows: (w: string) => `报告期：${w}`,
    charts: (n: number) => `共 ${n} 张图表`,
    made: (t: string) => `生成时间：${t}`,
    sep: '、',
  },
  en: {
    title: (org: string) => `${org}: party-building briefing`,
    windows: (w: string) => `Period: ${w}`,
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
 * its charts show, how many charts, when it was made.
 */
export async function briefTitle(
  caller: Caller,
  items: readonly BriefItem[],
  locale: Locale,
  made: string,
): Promise<TitleSlide> {
  const w = WORDS[locale];
  const home = await caller.units.get({ unit: await homeUnit(caller, items) }).catch(() => null);
  // the province the charts are about: the root of the unit's ancestors
  const org = home ? (home.ancestors[0]?.name ?? home.name) : 'bixue';
  const windows = [...new Set(items.map((i) => i.window).filter((x): x is string => !!x))];
  return {
    title: w.title(org),
    lines: [w.windows(windows.map((x) => periodText(x, locale)).join(w.sep)), w.charts(items.length), w.made(made)],
  };
}
