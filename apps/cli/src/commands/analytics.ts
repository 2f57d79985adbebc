import {
  attainmentJson,
  attainmentInput,
  createCaller,
  rankingJson,
  rankingInput,
  rollupJson,
  rollupInput,
  trendInput,
  trendJson,
} from '@bixue/api';
import { chartLabels, type Locale, rollupText, shownTarget, STATUS_ICONS } from '@bixue/charts';
import { groupLabel } from '@bixue/export';
import {
  COMPOSITE_DECIMALS,
  type Coverage,
  judgedWindowLabel,
  parsePeriod,
  type Period,
  issueSaid,
  periodLabel,
  rankLabel,
  roundShown,
  type Said,
  shownDecimals,
  type RollupStatus,
  type StatusColour,
} from '@bixue/domain';
import type { Command } from 'commander';
import type { z } from 'zod';
import { type Lang, localeOf, sayIn } from '../lang.ts';
import { CliInputError, globalOptions, output, withContext } from '../runtime.ts';

interface AnalyticsOptions {
  unit?: string;
  indicator?: string;
  window?: string;
  group?: string;
  perMember?: boolean;
  today?: string;
  asOf?: string;
  version?: string;
}
type Options = ReturnType<typeof globalOptions> & AnalyticsOptions;

/** What every analytics command passes on (withAsOf), and a unit command's three (unitCommand). */
const AS_OF_KEYS = ['today', 'asOf', 'version'] as const;
const UNIT_KEYS = ['unit', 'indicator', 'window', ...AS_OF_KEYS] as const;

/** The named options, for a procedure's input. */
function pick(opts: Options, keys: readonly (keyof AnalyticsOptions)[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((k) => [k, opts[k]]));
}

/**
 * Options → a procedure's input, checked first so that a bad value exits 1 naming its option; the
 * raw input goes to the procedure (which checks it again, with the caller's scope), the parsed one
 * to the printout.
 */
function parseInput<S extends z.ZodType>(
  schema: S,
  options: Record<string, unknown>,
): { raw: z.input<S>; input: z.output<S> } {
  const raw = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as z.input<S>;
  const r = schema.safeParse(raw);
  if (r.success) return { raw, input: r.data };
  const issue = r.error.issues[0]!;
  const option = `--${String(issue.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
  const { zh, en } = issueSaid(issue);
  throw new CliInputError({ zh: `${option}: ${zh}`, en: `${option}: ${en}` });
}

/** A value's completeness and a judgement in the chart modules' words: 部分（6/12月）, ✓ 达标, — 无法评价. */
const colourText = (locale: Locale, c: StatusColour) =>
  c === 'grey' ? `— ${chartLabels(locale).unjudged}` : `${STATUS_ICONS[c]} ${chartLabels(locale).status[c]}`;
/** "6（部分（6/12月））" / "6 (Partial (6/12 months))": a value with its completeness beside it */
const valueWithStatus = (locale: Locale, v: number | null, s: RollupStatus, c: Coverage | null) =>
  `${num(v)}${chartLabels(locale).aside(rollupText(locale, s, c))}`;

const num = (v: number | null, digits = 2) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits));
const changeText = (locale: Locale, c: number | null) =>
  c === null ? chartLabels(locale).newRank : c > 0 ? `↑${c}` : c < 0 ? `↓${-c}` : '—';
/** "2026年（数据截至2026年9月）" / "2026 (data through Sep 2026)": a window the as-of month clipped says so */
const windowText = (lang: Lang, window: Period, judged: { asOf: string; clipped: boolean }) =>
  judgedWindowLabel(window, judged, localeOf(lang));

/** The printout's column heads the chart labels have no word for (名次, 状态, 完成率 … come from them). */
const HEADS = {
  name: { zh: '名称', en: 'Name' },
  value: { zh: '数值', en: 'Value' },
  change: { zh: '变化', en: 'Change' },
  target: { zh: '全期目标', en: 'Target for the period' },
  current: { zh: '本期', en: 'This period' },
  previousYear: { zh: '上年同期', en: 'A year earlier' },
};
const AS_OF_HELP = {
  zh: 'YYYY-MM: judge a window reaching past it on the months up to it (default: the province’s 数据截至)',
  en: 'YYYY-MM: judge a window reaching past it on the months up to it (default: the month the province’s data runs through)',
};

/** Columns padded by display width (a CJK character takes two cells). */
function table(header: string[], rows: string[][]): string {
  const width = (s: string) => [...s].reduce((a, ch) => a + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
  const all = [header, ...rows];
  const cols = header.map((_, i) => Math.max(...all.map((r) => width(r[i] ?? ''))));
  return all
    .map((r) =>
      r
        .map((c, i) => c + ' '.repeat(cols[i]! - width(c)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/** --today and --as-of: every analytics command judges its window on the months up to the as-of month. */
function withAsOf(command: Command, helpLang: Lang): Command {
  return command
    .option('--today <date>', 'YYYY-MM-DD (default: today), for the default as-of month')
    .option('--as-of <month>', sayIn(helpLang, AS_OF_HELP))
    .option('--version <n>', 'draw from the facts as they stood at the province’s data version N (default: now)');
}

/** A command about one unit × indicator × window (rollup, attainment, trend). */
function unitCommand(program: Command, helpLang: Lang, name: string, description: Said): Command {
  return withAsOf(
    program
      .command(name)
      .description(sayIn(helpLang, description))
      .requiredOption('--unit <code>', 'unit code')
      .requiredOption('--indicator <code>', 'indicator code')
      .requiredOption('--window <period>', '2024, 2024H1, 2024Q3 or 2024-07'),
    helpLang,
  );
}

export function registerAnalytics(program: Command, helpLang: Lang): void {
  unitCommand(program, helpLang, 'rollup', {
    zh: 'roll one unit × indicator up to a window (汇总)',
    en: 'roll one unit × indicator up to a window',
  })
    .option('--per-member', 'divide by member_count')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as Options;
      const { raw, input } = parseInput(rollupInput, pick(opts, [...UNIT_KEYS, 'perMember']));
      const r = await withContext(opts, (ctx) => createCaller(ctx).analytics.rollup(raw));
      output(opts, rollupJson(r), (lang) => {
        const locale = localeOf(lang);
        const head = `${input.unit} ${input.indicator} ${windowText(lang, input.window, r)}`;
        const status = rollupText(locale, r.status, r.coverage);
        const covered = chartLabels(locale).partial(r.coverage.months, r.coverage.of);
        return {
          zh: `${head}：${num(r.value)}（${status}，覆盖 ${covered}）`,
          en: `${head}: ${num(r.value)} (${status}, covers ${covered})`,
        };
      });
    });

  withAsOf(program.command('ranking'), helpLang)
    .description(
      sayIn(helpLang, {
        zh: 'rank a peer group by an indicator or the composite (排名)',
        en: 'rank a peer group by an indicator or the composite',
      }),
    )
    .requiredOption('--indicator <code>', 'indicator code or composite')
    .requiredOption('--window <period>', '2024, 2024H1, 2024Q3 or 2024-07')
    .requiredOption('--group <group>', 'siblings:CODE, level:LEVEL@CODE or group:NAME')
    .option('--per-member', 'rank values per party member')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as Options;
      const { raw, input } = parseInput(
        rankingInput,
        pick(opts, ['indicator', 'window', 'group', 'perMember', ...AS_OF_KEYS]),
      );
      // the human header names the group and the indicator (云川市气象局下属单位 · 党课), the JSON keeps codes
      const { r, groupName, title, decimals } = await withContext(opts, async (ctx) => {
        const caller = createCaller(ctx);
        const r = await caller.analytics.ranking(raw);
        if (opts.json) return { r, groupName: '', title: '', decimals: COMPOSITE_DECIMALS };
        const locale = localeOf(opts.lang);
        const indicator =
          input.indicator === 'composite'
            ? null
            : (await caller.catalog.indicators()).find((i) => i.code === input.indicator);
        return {
          r,
          groupName: await groupLabel(caller, input.group, r.entries[0]?.unit ?? null, locale),
          title: indicator ? (opts.lang === 'en' ? indicator.nameEn : indicator.nameZh) : chartLabels(locale).composite,
          // values printed at the precision the ranks compare (domain.md §5): 79.1 and 79.1 are 并列
          decimals: indicator ? shownDecimals(indicator.unit, input.perMember) : COMPOSITE_DECIMALS,
        };
      });
      output(opts, rankingJson(r), (lang) => {
        const locale = localeOf(lang);
        const l = chartLabels(locale);
        const head = `${title} ${windowText(lang, input.window, r)} ${groupName}`;
        const previous = periodLabel(parsePeriod(r.previousWindow), locale);
        return [
          sayIn(lang, {
            zh: `${head}（排名 ${r.ranked}/${r.of}，对比 ${previous}）`,
            en: `${head} (${r.ranked} of ${r.of} ranked, against ${previous})`,
          }),
          table(
            [
              l.rank,
              l.unitName,
              sayIn(lang, HEADS.name),
              sayIn(lang, HEADS.value),
              l.statusCol,
              sayIn(lang, HEADS.change),
            ],
            r.entries.map((e) => [
              e.rank === null ? '—' : rankLabel({ rank: e.rank, tied: e.tied, of: r.ranked }, locale),
              e.unit,
              lang === 'en' ? e.nameEn : e.name,
              e.value === null ? '—' : roundShown(e.value, decimals).toFixed(decimals),
              rollupText(locale, e.status, e.coverage),
              e.rank === null ? '' : changeText(locale, e.change),
            ]),
          ),
        ].join('\n');
      });
    });

  unitCommand(program, helpLang, 'attainment', {
    zh: 'actual against the pro-rated target (达标情况)',
    en: 'actual against the pro-rated target',
  }).action(async (_o: unknown, cmd: Command) => {
    const opts = globalOptions(cmd) as Options;
    const { raw, input } = parseInput(attainmentInput, pick(opts, UNIT_KEYS));
    // the human table shows the target as the gaps view does (a count due 4.17 reads 5), the JSON the exact one
    const { a, indicator } = await withContext(opts, async (ctx) => {
      const caller = createCaller(ctx);
      const a = await caller.analytics.attainment(raw);
      if (opts.json) return { a, indicator: undefined };
      return { a, indicator: (await caller.catalog.indicators()).find((i) => i.code === input.indicator) };
    });
    const target = (v: number | null) => (v === null || !indicator ? num(v) : num(shownTarget(v, indicator)));
    output(opts, attainmentJson(a), (lang) => {
      const locale = localeOf(lang);
      const l = chartLabels(locale);
      return table(
        [
          l.unitName,
          l.indicator,
          l.window,
          l.actual,
          sayIn(lang, HEADS.target),
          l.proRatedTarget,
          l.attainment,
          l.statusCol,
        ],
        [
          [
            input.unit,
            input.indicator,
            windowText(lang, input.window, a),
            valueWithStatus(locale, a.actual, a.rollup.status, a.rollup.coverage),
            target(a.target),
            target(a.proratedTarget),
            a.attainment === null ? '—' : `${(a.attainment * 100).toFixed(1)}%`,
            colourText(locale, a.status),
          ],
        ],
      );
    });
  });

  unitCommand(program, helpLang, 'trend', {
    zh: 'a window against the same months a year earlier (同比)',
    en: 'a window against the same months a year earlier',
  })
    .option('--per-member', 'divide by member_count')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as Options;
      // two windows are the fewest a trend draws; only the last one is printed
      const { raw, input } = parseInput(trendInput, { ...pick(opts, [...UNIT_KEYS, 'perMember']), count: 2 });
      const t = await withContext(opts, (ctx) => createCaller(ctx).analytics.trend(raw));
      const j = trendJson(t);
      output(opts, j, (lang) => {
        const locale = localeOf(lang);
        const l = chartLabels(locale);
        return table(
          [l.unitName, l.indicator, l.window, sayIn(lang, HEADS.current), sayIn(lang, HEADS.previousYear), l.yoy],
          [
            [
              input.unit,
              input.indicator,
              windowText(lang, input.window, t),
              valueWithStatus(locale, j.value, j.status, t.points.at(-1)?.coverage ?? null),
              num(j.previousYear),
              j.yoy === null ? '—' : `${j.yoy > 0 ? '+' : ''}${(j.yoy * 100).toFixed(1)}%`,
            ],
          ],
        );
      });
    });
}
