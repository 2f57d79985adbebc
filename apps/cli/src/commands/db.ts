import { migrateToLatest, resetDatabase, syncCatalog } from '@bixue/db';
import type { Command } from 'commander';
import { counted, type Lang, sayIn } from '../lang.ts';
import { globalOptions, output, withContext } from '../runtime.ts';

export function registerDb(program: Command, helpLang: Lang): void {
  const db = program.command('db').description(sayIn(helpLang, { zh: '数据库 database', en: 'database' }));
  db.command('reset')
    .description('drop and recreate the schema, migrate, seed the catalog; --demo (default) loads the demo province')
    .option('--demo', 'load the demo province (default)')
    .option('--empty', 'catalog only, no units or facts')
    .action(async (o: { demo?: boolean; empty?: boolean }, cmd: Command) => {
      const opts = globalOptions(cmd);
      if (o.demo && o.empty)
        cmd.error(
          sayIn(opts.lang, {
            zh: '--demo 与 --empty 只能选一个 / choose one of --demo and --empty',
            en: 'choose one of --demo and --empty',
          }),
          { exitCode: 2 },
        );
      const demo = !o.empty;
      const result = await withContext(
        opts,
        async (ctx) => {
          const loaded = await resetDatabase(ctx.db, { demo, cycleHistory: demo });
          return { ok: true, db: ctx.dbKind, demo, units: loaded?.units ?? 0, facts: loaded?.facts ?? 0 };
        },
        { uninitialisedOk: true },
      );
      output(opts, result, () =>
        demo
          ? {
              zh: `数据库已重建 (${result.db})，载入演示省：${result.units} 个单位，${result.facts} 条数据`,
              en: `Database rebuilt (${result.db}) with the demo province: ${counted(result.units, 'unit')}, ${counted(result.facts, 'fact')}`,
            }
          : {
              zh: `数据库已重建 (${result.db})，仅含指标目录`,
              en: `Database rebuilt (${result.db}) with the indicator catalog only`,
            },
      );
    });
  db.command('migrate')
    .description(
      'bring the database to this release and keep its data: pending migrations, then the indicator catalog (what pnpm start does first)',
    )
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      // a command-line user who upgraded, and has not started the server since, needs the new
      // schema and catalog before any other command reads them
      const result = await withContext(
        opts,
        async (ctx) => ({
          ok: true,
          db: ctx.dbKind,
          migrations: await migrateToLatest(ctx.db),
          catalog: await syncCatalog(ctx.db),
        }),
        { uninitialisedOk: true },
      );
      const { added, changed, reaggregated } = result.catalog;
      const catalogChanged = added.length || changed.length;
      output(opts, result, () => ({
        zh: [
          `数据库已是当前版本 (${result.db})：执行迁移 ${result.migrations.length} 个`,
          catalogChanged
            ? `；指标目录新增 ${added.length} 项、更新 ${changed.length} 项${reaggregated.length ? `，已按新规则重算汇总：${reaggregated.join('、')}` : ''}`
            : '；指标目录无变化',
        ].join(''),
        en: [
          `Database is at this release (${result.db}): ${result.migrations.length} migrations run`,
          catalogChanged
            ? `; indicator catalog: ${added.length} added, ${changed.length} changed${reaggregated.length ? `, roll-ups rebuilt under the new rules: ${reaggregated.join(', ')}` : ''}`
            : '; indicator catalog unchanged',
        ].join(''),
      }));
    });
}
