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
import { chartLabels, rollupText, shownTarget, STATUS_ICONS } from '@bixue/charts';
import { groupLabel } from '@bixue/export';
import {
  asOfLabel,
  COMPOSITE_DECIMALS,
  type Coverage,
  parsePeriod,
  periodLabel,
  rankLabel,
  roundShown,
  shownDecimals,
  type RollupStatus,
  type StatusColour,
  tryParseMonth,
} from '@bixue/domain';
import type { Command } from 'commander';
import type { z } from 'zod';
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
  throw new CliInputError(
    `--${String(issue.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`,
  );
}

/** A value's completeness and a judgement in the chart modules' words: 部分（6/12月）, ✓ 达标, — 无法评价. */
const statusText = (s: RollupStatus, c: Coverage | null) => rollupText('zh-CN', s, c);
const colourText = (c: StatusColour) =>
  c === 'grey' ? `— ${chartLabels('zh-CN').unjudged}` : `${STATUS_ICONS[c]} ${chartLabels('zh-CN').status[c]}`;

const num = (v: number | null, digits = 2) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits));
const cov = (c: Coverage) => `${c.months}/${c.of}月`;
const changeText = (c: number | null) => (c === null ? '新' : c > 0 ? `↑${c}` : c < 0 ? `↓${-c}` : '—');
/** "（数据截至2026年9月）" after a window the as-of month clipped */
const asOfNote = (r: { asOf: string; clipped: boolean }) =>
  r.clipped ? `（${asOfLabel(tryParseMonth(r.asOf)!)}）` : '';
const AS_OF_HELP = 'YYYY-MM: judge a window reaching past it on the months up to it (default: the province’s 数据截至)';

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
function withAsOf(command: Command): Command {
  return command
    .option('--today <date>', 'YYYY-MM-DD (default: today), for the default as-of month')
    .option('--as-of <month>', AS_OF_HELP)
    .option('--version <n>', 'draw from the facts as they stood at the province’s data version N (default: now)');
}

/** A command about one unit × indicator × window (rollup, attainment, trend). */
function unitCommand(program: Command, name: string, description: string): Command {
  return withAsOf(
    program
      .command(name)
      .description(description)
      .requiredOption('--unit <code>', 'unit code')
      .requiredOption('--indicator <code>', 'indicator code')
      .requiredOption('--window <period>', '2024, 2024H1, 2024Q3 or 2024-07'),
  );
}

export function registerAnalytics(program: Command): void {
  unitCommand(program, 'rollup', 'roll one unit × indicator up to a window (汇总)')
    .option('--per-member', 'divide by member_count')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as Options;
      const { raw, input } = parseInput(rollupInput, pick(opts, [...UNIT_KEYS, 'perMember']));
      const r = await withContext(opts, (ctx) => createCaller(ctx).analytics.rollup(raw));
      output(
        opts,
        rollupJson(r),
        () =>
          `${input.unit} ${input.indicator} ${periodLabel(input.window)}${asOfNote(r)}：${num(r.value)}（${statusText(r.status, r.coverage)}，覆盖 ${cov(r.coverage)}）`,
      );
    });

  withAsOf(program.command('ranking'))
    .description('rank a peer group by an indicator or the composite (排名)')
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
        const indicator =
          input.indicator === 'composite'
            ? null
            : (await caller.catalog.indicators()).find((i) => i.code === input.indicator);
        return {
          r,
          groupName: await groupLabel(caller, input.group, r.entries[0]?.unit ?? null),
          title: indicator ? indicator.nameZh : '综合得分',
          // values printed at the precision the ranks compare (domain.md §5): 79.1 and 79.1 are 并列
          decimals: indicator ? shownDecimals(indicator.unit, input.perMember) : COMPOSITE_DECIMALS,
        };
      });
      output(
        opts,
        rankingJson(r),
        () =>
          `${title} ${periodLabel(input.window)}${asOfNote(r)} ${groupName}（排名 ${r.ranked}/${r.of}，对比 ${periodLabel(parsePeriod(r.previousWindow))}）\n` +
          table(
            ['名次', '单位', '名称', '数值', '状态', '变化'],
            r.entries.map((e) => {
              return [
                e.rank === null ? '—' : rankLabel({ rank: e.rank, tied: e.tied, of: r.ranked }),
                e.unit,
                e.name,
                e.value === null ? '—' : roundShown(e.value, decimals).toFixed(decimals),
                statusText(e.status, e.coverage),
                e.rank === null ? '' : changeText(e.change),
              ];
            }),
          ),
      );
    });

  unitCommand(program, 'attainment', 'actual against the pro-rated target (达标情况)').action(
    async (_o: unknown, cmd: Command) => {
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
      output(opts, attainmentJson(a), () =>
        table(
          ['单位', '指标', '报告期', '实际', '全期目标', '序时目标', '完成率', '状态'],
          [
            [
              input.unit,
              input.indicator,
              `${periodLabel(input.window)}${asOfNote(a)}`,
              `${num(a.actual)}（${statusText(a.rollup.status, a.rollup.coverage)}）`,
              target(a.target),
              target(a.proratedTarget),
              a.attainment === null ? '—' : `${(a.attainment * 100).toFixed(1)}%`,
              colourText(a.status),
            ],
          ],
        ),
      );
    },
  );

  unitCommand(program, 'trend', 'a window against the same months a year earlier (同比)')
    .option('--per-member', 'divide by member_count')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as Options;
      // two windows are the fewest a trend draws; only the last one is printed
      const { raw, input } = parseInput(trendInput, { ...pick(opts, [...UNIT_KEYS, 'perMember']), count: 2 });
      const t = await withContext(opts, (ctx) => createCaller(ctx).analytics.trend(raw));
      const j = trendJson(t);
      output(opts, j, () =>
        table(
          ['单位', '指标', '报告期', '本期', '上年同期', '同比'],
          [
            [
              input.unit,
              input.indicator,
              `${periodLabel(input.window)}${asOfNote(t)}`,
              `${num(j.value)}（${statusText(j.status, t.points.at(-1)?.coverage ?? null)}）`,
              num(j.previousYear),
              j.yoy === null ? '—' : `${j.yoy > 0 ? '+' : ''}${(j.yoy * 100).toFixed(1)}%`,
            ],
          ],
        ),
      );
    });
}
