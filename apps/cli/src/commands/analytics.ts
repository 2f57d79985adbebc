import {
  attainment,
  attainmentJson,
  attainmentInput,
  ranking,
  rankingJson,
  rankingInput,
  rollup,
  rollupJson,
  rollupInput,
} from '@bixue/api';
import { type Coverage, parsePeriod, periodLabel, type RollupStatus, type StatusColour } from '@bixue/domain';
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
}

/** Options → a service input; bad values exit 1 with the field named. */
function parseInput<S extends z.ZodType>(schema: S, raw: Record<string, unknown>): z.output<S> {
  const r = schema.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined)));
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  throw new CliInputError(
    `--${String(issue.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${issue.message}`,
  );
}

const STATUS_ZH: Record<RollupStatus, string> = {
  value: '完整',
  partial: '部分',
  missing: '未报送',
  undisclosed: '未公开',
};
const COLOUR_ZH: Record<StatusColour, string> = {
  green: '✓ 达标',
  yellow: '! 预警',
  red: '✕ 未达标',
  grey: '— 无法评价',
};

const num = (v: number | null, digits = 2) => (v === null ? '—' : Number.isInteger(v) ? String(v) : v.toFixed(digits));
const cov = (c: Coverage) => `${c.months}/${c.of}月`;
const changeText = (c: number | null) => (c === null ? '新' : c > 0 ? `↑${c}` : c < 0 ? `↓${-c}` : '—');

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

export function registerAnalytics(program: Command): void {
  program
    .command('rollup')
    .description('roll one unit × indicator up to a window (汇总)')
    .requiredOption('--unit <code>', 'unit code')
    .requiredOption('--indicator <code>', 'indicator code')
    .requiredOption('--window <period>', '2024, 2024H1, 2024Q3 or 2024-07')
    .option('--per-member', 'divide by member_count')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as ReturnType<typeof globalOptions> & AnalyticsOptions;
      const input = parseInput(rollupInput, {
        unit: opts.unit,
        indicator: opts.indicator,
        window: opts.window,
        perMember: opts.perMember,
      });
      const r = await withContext(opts, (ctx) => rollup(ctx, input));
      output(
        opts,
        rollupJson(r),
        () =>
          `${input.unit} ${input.indicator} ${periodLabel(input.window)}：${num(r.value)}（${STATUS_ZH[r.status]}，覆盖 ${cov(r.coverage)}）`,
      );
    });

  program
    .command('ranking')
    .description('rank a peer group by an indicator or the composite (排名)')
    .requiredOption('--indicator <code>', 'indicator code or composite')
    .requiredOption('--window <period>', '2024, 2024H1, 2024Q3 or 2024-07')
    .requiredOption('--group <group>', 'siblings:CODE, level:LEVEL@CODE or group:NAME')
    .option('--per-member', 'rank values per party member')
    .option('--today <date>', 'YYYY-MM-DD for pro-rating a running window (composite)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as ReturnType<typeof globalOptions> & AnalyticsOptions;
      const input = parseInput(rankingInput, {
        indicator: opts.indicator,
        window: opts.window,
        group: opts.group,
        perMember: opts.perMember,
        today: opts.today,
      });
      const r = await withContext(opts, (ctx) => ranking(ctx, input));
      output(
        opts,
        rankingJson(r),
        () =>
          `${input.indicator === 'composite' ? '综合得分' : input.indicator} ${periodLabel(input.window)} ${input.group}（排名 ${r.ranked}/${r.of}，对比 ${periodLabel(parsePeriod(r.previousWindow))}）\n` +
          table(
            ['名次', '单位', '名称', '数值', '状态', '变化'],
            r.entries.map((e, i) => {
              const tied = e.rank !== null && r.entries.some((o, j) => j !== i && o.rank === e.rank);
              return [
                e.rank === null ? '—' : `${tied ? '并列' : ''}第${e.rank}名`,
                e.unit,
                e.name,
                num(e.value),
                STATUS_ZH[e.status],
                e.rank === null ? '' : changeText(e.change),
              ];
            }),
          ),
      );
    });

  program
    .command('attainment')
    .description('actual against the pro-rated target (达标情况)')
    .requiredOption('--unit <code>', 'unit code')
    .requiredOption('--indicator <code>', 'indicator code')
    .requiredOption('--window <period>', '2024, 2024H1, 2024Q3 or 2024-07')
    .option('--today <date>', 'YYYY-MM-DD (default: today)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as ReturnType<typeof globalOptions> & AnalyticsOptions;
      const input = parseInput(attainmentInput, {
        unit: opts.unit,
        indicator: opts.indicator,
        window: opts.window,
        today: opts.today,
      });
      const a = await withContext(opts, (ctx) => attainment(ctx, input));
      output(opts, attainmentJson(a), () =>
        table(
          ['单位', '指标', '报告期', '实际', '全期目标', '序时目标', '完成率', '状态'],
          [
            [
              input.unit,
              input.indicator,
              periodLabel(input.window),
              `${num(a.actual)}（${STATUS_ZH[a.rollup.status]}）`,
              num(a.target),
              num(a.proratedTarget),
              a.attainment === null ? '—' : `${(a.attainment * 100).toFixed(1)}%`,
              COLOUR_ZH[a.status],
            ],
          ],
        ),
      );
    });
}
