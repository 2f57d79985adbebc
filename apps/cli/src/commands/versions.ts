import { createCaller, versionsDiffInput, versionsListInput } from '@bixue/api';
import { chartLabels } from '@bixue/charts';
import { issueSaid } from '@bixue/domain';
import type { Command } from 'commander';
import { counted, type Lang, localeOf, sayIn, shownPeriod } from '../lang.ts';
import { CliInputError, globalOptions, output, withContext } from '../runtime.ts';

interface DiffOptions {
  province: string;
  from: string;
  to?: string;
}

/** what was not there before a version, or is gone after it */
const NONE = { zh: '（无）', en: '(none)' };
const valueText = (lang: Lang, s: { value: number | null; status: string | null }) =>
  s.status === null
    ? sayIn(lang, NONE)
    : s.status === 'undisclosed'
      ? chartLabels(localeOf(lang)).status.undisclosed
      : String(s.value);
const targetText = (lang: Lang, t: { value: number; perCapita: boolean; phasing: string; dueMonth: number } | null) =>
  t === null
    ? sayIn(lang, NONE)
    : `${t.perCapita ? chartLabels(localeOf(lang)).perMember(String(t.value)) : t.value} ${t.phasing}${t.phasing === 'annual' ? `@${t.dueMonth}` : ''}`;
const byText = (lang: Lang, s: { version: number; by: string | null; reason: string | null }) =>
  `v${s.version} ${s.by ?? '—'}${s.reason ? chartLabels(localeOf(lang)).aside(s.reason) : ''}`;

interface ListOptions {
  province: string;
  limit?: string;
}

/** A zod issue of a versions input as the command line names it: `unit` is `--province`. */
function optionError(issues: readonly { path: PropertyKey[]; message: string }[]): CliInputError {
  const issue = issues[0]!;
  const field = String(issue.path[0] ?? '');
  const option = `--${field === 'unit' ? 'province' : field}`;
  const { zh, en } = issueSaid(issue);
  return new CliInputError({ zh: `${option}: ${zh}`, en: `${option}: ${en}` });
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
      output(opts, list.versions, (lang) => {
        const l = chartLabels(localeOf(lang));
        const and = sayIn(lang, { zh: '、', en: ', ' });
        return [
          sayIn(lang, {
            zh: `${list.province} 当前数据版本 v${list.current}：最近 ${list.versions.length} 个版本`,
            en: `${list.province} is at data version v${list.current}: the latest ${counted(list.versions.length, 'version')}`,
          }),
          ...list.versions.map((v) =>
            [
              `v${v.version}`,
              v.at,
              v.by.join(and) || '—',
              // the codes in Chinese as before; English names them as the web's picker does
              lang === 'en' ? v.sources.map((s) => l.source[s] ?? s).join(and) : v.sources.join(and),
              sayIn(lang, { zh: `${v.facts} 条`, en: counted(v.facts, 'fact') }),
              ...(v.reason ? [sayIn(lang, { zh: `（${v.reason}）`, en: `(${v.reason})` })] : []),
            ].join('  '),
          ),
        ].join('\n');
      });
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
      output(opts, diff, (lang) => {
        const by = (s: Parameters<typeof byText>[1]) => byText(lang, s);
        return [
          sayIn(lang, {
            zh: `${diff.unit} 数据版本 v${diff.from} → v${diff.to}（当前 v${diff.current}）：${diff.changes.length} 条数据有变化`,
            en: `${diff.unit} data version v${diff.from} → v${diff.to} (current v${diff.current}): ${counted(diff.changes.length, 'fact')} changed`,
          }),
          ...diff.changes.map(
            (c) =>
              `${c.unit} ${c.indicator} ${shownPeriod(lang, c.period)}: ${valueText(lang, c.before)} → ${valueText(lang, c.after)}  ${c.steps.map(by).join(sayIn(lang, { zh: '；', en: '; ' }))}`,
          ),
          // what else the versions changed (issue 18): views drawn as of them use the ones of then
          ...diff.targets.map(
            (t) =>
              `${chartLabels(localeOf(lang)).target} ${t.indicator} ${t.unit ?? t.level} ${t.year ?? sayIn(lang, { zh: '每年', en: 'every year' })}: ${targetText(lang, t.before)} → ${targetText(lang, t.after)}  ${by(t)}`,
          ),
          ...diff.settings.map(
            (s) =>
              `${sayIn(lang, { zh: '设置', en: 'Setting' })} ${s.key}: ${JSON.stringify(s.before)} → ${JSON.stringify(s.after)}  ${by(s)}`,
          ),
          ...diff.closedPeriods.map(
            (p) =>
              `${sayIn(lang, { zh: '关闭报送期', en: 'Reporting period closed:' })} ${shownPeriod(lang, p.period)}  ${by(p)}`,
          ),
        ].join('\n');
      });
    });
}
