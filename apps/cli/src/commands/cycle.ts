import { board, createCaller, deliverWebhooks } from '@bixue/api';
import { TASK_STATE_LABELS } from '@bixue/domain';
import type { Command } from 'commander';
import { counted, type Lang, sayIn, shownPeriod } from '../lang.ts';
import { dateOption, globalOptions, output, withContext } from '../runtime.ts';

interface PeriodOpts {
  province: string;
  period: string;
}

/** `bixue cycle …` (contracts.md): the reporting cycle through the same procedures as the web app. */
export function registerCycle(program: Command, helpLang: Lang): void {
  const cycle = program
    .command('cycle')
    .description('the reporting cycle: open, status, submit, review, close, remind');

  cycle
    .command('open')
    .requiredOption('--province <code>', 'the province')
    .requiredOption('--period <period>', '2026Q3, 2026H2 or 2026')
    .requiredOption('--due <date>', 'due date YYYY-MM-DD')
    .description('open a reporting period: every unit of the province gets a task')
    .action(async (o: PeriodOpts & { due: string }, cmd: Command) => {
      const opts = globalOptions(cmd);
      const opened = await withContext(opts, (ctx) =>
        createCaller(ctx).cycle.open({ province: o.province, period: o.period, due: o.due }),
      );
      output(opts, opened, (lang) => ({
        zh: `已开启报送期 ${opened.period}（截止 ${opened.due}），${opened.total} 个单位`,
        en: `Reporting period ${shownPeriod(lang, opened.period)} opened (due ${opened.due}) for ${counted(opened.total, 'unit')}`,
      }));
    });

  cycle
    .command('status')
    .requiredOption('--province <code>', 'the province')
    .requiredOption('--period <period>', 'the reporting period')
    .option('--today <date>', 'the date overdue is judged on (YYYY-MM-DD; default today)')
    .description('every unit’s state and whether it is overdue')
    .action(async (o: PeriodOpts & { today?: string }, cmd: Command) => {
      const opts = globalOptions(cmd);
      const today = dateOption(o.today, cmd, opts.lang);
      // the service itself: --today is for scripts and checks, the web app always judges on today
      const b = await withContext(opts, (ctx) => board(ctx, { province: o.province, period: o.period, today }));
      const json = b.rows.map((r) => ({ unit: r.unit, state: r.state, overdue: r.overdue }));
      output(opts, json, (lang) => {
        const open = b.periodState === 'open';
        return [
          sayIn(lang, {
            zh: `${b.period}（截止 ${b.due}，${open ? '进行中' : '已关闭'}）`,
            en: `${shownPeriod(lang, b.period)} (due ${b.due}, ${open ? 'open' : 'closed'})`,
          }),
          ...b.rows.map(
            (r) =>
              `  ${r.unit} ${lang === 'en' ? r.nameEn : r.name} ${TASK_STATE_LABELS[r.state][lang]}${r.overdue ? sayIn(lang, { zh: ' 逾期', en: ', overdue' }) : ''}`,
          ),
        ].join('\n');
      });
    });

  for (const [name, label] of [
    ['submit', { zh: '提交', en: 'submitted' }],
    ['approve', { zh: '审核通过', en: 'approved' }],
    ['return', { zh: '退回', en: 'returned' }],
  ] as const) {
    cycle
      .command(name)
      .requiredOption('--unit <code>', 'the unit whose task it is')
      .requiredOption('--period <period>', 'the reporting period')
      .option('--comment <text>', name === 'return' ? 'what to fix (required)' : 'a comment for the audit trail')
      .description(sayIn(helpLang, { zh: `${label.zh} a unit's task`, en: `${name} a unit's task` }))
      .action(async (o: { unit: string; period: string; comment?: string }, cmd: Command) => {
        const opts = globalOptions(cmd);
        const input = { unit: o.unit, period: o.period, comment: o.comment ?? '' };
        const r = await withContext(opts, (ctx) => {
          const c = createCaller(ctx).cycle;
          return name === 'submit' ? c.submit(input) : name === 'approve' ? c.approve(input) : c.return(input);
        });
        output(opts, r, (lang) => ({
          zh: `${r.unit} ${o.period}：${label.zh}（${TASK_STATE_LABELS[r.state].zh}）`,
          en: `${r.unit} ${shownPeriod(lang, o.period)}: ${label.en} (now ${TASK_STATE_LABELS[r.state].en})`,
        }));
      });
  }

  cycle
    .command('close')
    .requiredOption('--province <code>', 'the province')
    .requiredOption('--period <period>', 'the reporting period')
    .description("close a period: its facts are locked, only an admin's correction changes them")
    .action(async (o: PeriodOpts, cmd: Command) => {
      const opts = globalOptions(cmd);
      const r = await withContext(opts, (ctx) => createCaller(ctx).cycle.close(o));
      const dropped = r.droppedDrafts.reduce((n, d) => n + d.drafts, 0);
      output(opts, r, (lang) => ({
        zh: `已关闭报送期 ${r.period}${r.notApproved.length ? `；${r.notApproved.length} 个单位未审核，其 ${dropped} 条草稿已作废` : ''}`,
        en: `Reporting period ${shownPeriod(lang, r.period)} closed${r.notApproved.length ? `; ${counted(r.notApproved.length, 'unit')} not approved, their ${counted(dropped, 'draft fact')} discarded` : ''}`,
      }));
    });

  cycle
    .command('remind')
    .requiredOption('--province <code>', 'the province')
    .requiredOption('--period <period>', 'the reporting period')
    .option('--message <text>', 'the reminder text (default: the due date)')
    .description(
      sayIn(helpLang, {
        zh: '催报: remind every unit behind; posts to the group robot when the province set one',
        en: 'remind every unit behind; posts to the group robot when the province set one',
      }),
    )
    .action(async (o: PeriodOpts & { message?: string }, cmd: Command) => {
      const opts = globalOptions(cmd);
      const r = await withContext(opts, async (ctx) => {
        const sent = await createCaller(ctx).cycle.remind(o);
        // the command line has no timer: what fails now waits in the outbox for the server's retries
        const delivery = sent.webhookId === null ? null : await deliverWebhooks(ctx.db);
        return { ...sent, delivery };
      });
      const robot =
        r.webhookId === null
          ? { zh: '（未配置群机器人）', en: ' (no group robot set up)' }
          : r.delivery?.delivered
            ? { zh: '群机器人消息已发送', en: '; group robot message sent' }
            : {
                zh: '群机器人消息发送失败，稍后自动重试（见报送进度页）',
                en: '; group robot message failed, retried automatically later (see the reporting progress page)',
              };
      output(opts, r, () => ({
        zh: `已催报 ${r.reminded.length} 个单位${robot.zh}`,
        en: `Reminded ${counted(r.reminded.length, 'unit')}${robot.en}`,
      }));
    });
}
