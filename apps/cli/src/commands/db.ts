import { resetDatabase } from '@bixue/db';
import type { Command } from 'commander';
import { globalOptions, output, withContext } from '../runtime.ts';

export function registerDb(program: Command): void {
  const db = program.command('db').description('数据库 database');
  db.command('reset')
    .description('drop and recreate the schema, migrate, seed the catalog; --demo (default) loads the demo province')
    .option('--demo', 'load the demo province (default)')
    .option('--empty', 'catalog only, no units or facts')
    .action(async (o: { demo?: boolean; empty?: boolean }, cmd: Command) => {
      const opts = globalOptions(cmd);
      if (o.demo && o.empty)
        cmd.error('--demo 与 --empty 只能选一个 / choose one of --demo and --empty', { exitCode: 2 });
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
          ? `数据库已重建 (${result.db})，载入演示省：${result.units} 个单位，${result.facts} 条数据`
          : `数据库已重建 (${result.db})，仅含指标目录`,
      );
    });
}
