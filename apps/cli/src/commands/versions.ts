import { createCaller, versionsDiffInput, versionsListInput } from '@bixue/api';
import type { Command } from 'commander';
import { CliInputError, globalOptions, output, withContext } from '../runtime.ts';

interface DiffOptions {
  province: string;
  from: string;
  to?: string;
}

const valueText = (s: { value: number | null; status: string | null }) =>
  s.status === null ? '（无）' : s.status === 'undisclosed' ? '未公开' : String(s.value);
const targetText = (t: { value: number; perCapita: boolean; phasing: string; dueMonth: number } | null) =>
  t === null
    ? '（无）'
    : `${t.value}${t.perCapita ? '/人' : ''} ${t.phasing}${t.phasing === 'annual' ? `@${t.dueMonth}` : ''}`;
const byText = (s: { version: number; by: string | null; reason: string | null }) =>
  `v${s.version} ${s.by ?? '—'}${s.reason ? `（${s.reason}）` : ''}`;

interface ListOptions {
  province: string;
  limit?: string;
}

/** A zod issue of a versions input as the command line names it: `unit` is `--province`. */
function optionError(issues: readonly { path: PropertyKey[]; message: string }[]): CliInputError {
  const issue = issues[0]!;
  const field = String(issue.path[0] ?? '');
  return new CliInputError(`--${field === 'unit' ? 'province' : field}: ${issue.message}`);
}

/**
 * `bixue versions list` and `versions diff` (domain.md §9): the data versions a view can be drawn as
 * of, newest first, and the facts that changed between two of them, with who and why.
 */
export function registerVersions(program: Command): void {
  const versions = program
    .command('versions')
    .description('data versions: the recent ones, and what changed between two of them');
  versions
    .command('list')
    .description(
      'the newest data versions that wrote facts of a province (or a unit’s subtree), as the web’s picker lists them',
    )
    .requiredOption('--province <code>', 'the province, or a unit of it: the versions that wrote its subtree')
    .option('--limit <n>', 'how many of the newest (1–100, default 30)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as ReturnType<typeof globalOptions> & ListOptions;
      const parsed = versionsListInput.safeParse({
        unit: opts.province,
        ...(opts.limit === undefined ? {} : { limit: /^\d{1,4}$/.test(opts.limit) ? Number(opts.limit) : opts.limit }),
      });
      if (!parsed.success) throw optionError(parsed.error.issues);
      // the procedure the web's version picker calls: the same versions, the same scope
      const list = await withContext(opts, (ctx) => createCaller(ctx).versions.list(parsed.data));
      output(opts, list.versions, () =>
        [
          `${list.province} 当前数据版本 v${list.current}：最近 ${list.versions.length} 个版本`,
          ...list.versions.map((v) =>
            [
              `v${v.version}`,
              v.at,
              v.by.join('、') || '—',
              v.sources.join('、'),
              `${v.facts} 条`,
              ...(v.reason ? [`（${v.reason}）`] : []),
            ].join('  '),
          ),
        ].join('\n'),
      );
    });
  versions
    .command('diff')
    .description(
      'the facts that changed between two data versions of a province (or a unit’s subtree), and the targets, settings and closed periods',
    )
    .requiredOption('--province <code>', 'the province, or a unit of it: its subtree’s changes')
    .requiredOption('--from <n>', 'the earlier version')
    .option('--to <n>', 'the later version (default: the current one)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as ReturnType<typeof globalOptions> & DiffOptions;
      const parsed = versionsDiffInput.safeParse({
        unit: opts.province,
        from: opts.from,
        ...(opts.to === undefined ? {} : { to: opts.to }),
      });
      if (!parsed.success) throw optionError(parsed.error.issues);
      // through the procedure: its versions and changes are read in one snapshot
      const diff = await withContext(opts, (ctx) => createCaller(ctx).versions.diff(parsed.data));
      output(opts, diff, () =>
        [
          `${diff.unit} 数据版本 v${diff.from} → v${diff.to}（当前 v${diff.current}）：${diff.changes.length} 条数据有变化`,
          ...diff.changes.map((c) => {
            const who = c.steps
              .map((s) => `v${s.version} ${s.by ?? '—'}${s.reason ? `（${s.reason}）` : ''}`)
              .join('；');
            return `${c.unit} ${c.indicator} ${c.period}: ${valueText(c.before)} → ${valueText(c.after)}  ${who}`;
          }),
          // what else the versions changed (issue 18): views drawn as of them use the ones of then
          ...diff.targets.map(
            (t) =>
              `目标 ${t.indicator} ${t.unit ?? t.level} ${t.year ?? '每年'}: ${targetText(t.before)} → ${targetText(t.after)}  ${byText(t)}`,
          ),
          ...diff.settings.map(
            (s) => `设置 ${s.key}: ${JSON.stringify(s.before)} → ${JSON.stringify(s.after)}  ${byText(s)}`,
          ),
          ...diff.closedPeriods.map((p) => `关闭报送期 ${p.period}  ${byText(p)}`),
        ].join('\n'),
      );
    });
}
