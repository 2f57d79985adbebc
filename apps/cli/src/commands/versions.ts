import { createCaller, versionsDiffInput } from '@bixue/api';
import type { Command } from 'commander';
import { CliInputError, globalOptions, output, withContext } from '../runtime.ts';

interface DiffOptions {
  province: string;
  from: string;
  to?: string;
}

const valueText = (s: { value: number | null; status: string | null }) =>
  s.status === null ? '（无）' : s.status === 'undisclosed' ? '未公开' : String(s.value);

/** `bixue versions diff` (domain.md §9): the facts that changed between two data versions, with who and why. */
export function registerVersions(program: Command): void {
  const versions = program.command('versions').description('data versions: what changed between two of them');
  versions
    .command('diff')
    .description('the facts that changed between two data versions of a province (or a unit’s subtree)')
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
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        const field = String(issue.path[0] ?? '');
        throw new CliInputError(`--${field === 'unit' ? 'province' : field}: ${issue.message}`);
      }
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
        ].join('\n'),
      );
    });
}
