import { expect, it } from 'vitest';
import { sql } from 'kysely';
import { describeEachDb } from './testing/index.ts';
import { dropSchema, migrateToLatest, splitSqlStatements } from './migrate.ts';
import { resetDatabase } from './reset.ts';

it('splits SQL files at statement ends, keeping dollar-quoted bodies whole', () => {
  const text = [
    'create table a (x int); -- one',
    'create function f() returns int as $$',
    'begin return 1; end;',
    '$$ language plpgsql;',
    '-- only a comment',
    'select 1;',
  ].join('\n');
  const parts = splitSqlStatements(text);
  expect(parts).toHaveLength(3);
  expect(parts[1]).toContain('begin return 1; end;');
});

describeEachDb('migrations', 'none', ({ db }) => {
  it('run from zero twice in a row, the second time changing nothing', async () => {
    await dropSchema(db());
    const first = await migrateToLatest(db());
    expect(first.slice(0, 2)).toEqual(['0001_schema', '0002_login_attempts_ip']);
    expect(await migrateToLatest(db())).toEqual([]);

    await dropSchema(db());
    expect(await migrateToLatest(db())).toEqual(first);
    const tables = await sql<{ table_name: string }>`
      select table_name from information_schema.tables
      where table_schema = 'public' and table_name not like 'kysely%' order by table_name`.execute(db());
    expect(tables.rows.map((r) => r.table_name)).toEqual([
      'brief_items',
      'config_versions',
      'data_versions',
      'documents',
      'fact_audit',
      'fact_drafts',
      'fact_source_counts',
      'facts',
      'indicators',
      'login_attempts',
      'peer_group_members',
      'peer_groups',
      'pending_uploads',
      'reminders',
      'reporting_periods',
      'rollups',
      'sessions',
      'settings',
      'settings_audit',
      'target_audit',
      'targets',
      'task_transitions',
      'unit_tasks',
      'units',
      'users',
      'webhook_outbox',
    ]);
  });

  it('db reset --empty leaves the catalog and nothing else', async () => {
    expect(await resetDatabase(db(), { demo: false })).toBeNull();
    const units = await db()
      .selectFrom('units')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const indicators = await db()
      .selectFrom('indicators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(units.n)).toBe(0);
    expect(Number(indicators.n)).toBe(30);
  });
});
