import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { heldPeriodsSql } from './analytics/rollup-rule-sql.ts';
import { MIGRATIONS_DIR, splitSqlStatements } from './migrate.ts';

/**
 * docs/scaling.md: under Citus these tables are distributed by unit_code (co-located), every
 * other table is a reference table. Citus is not installable here, so this checks statically
 * what it would refuse: a primary key or unique constraint of a distributed table without the
 * distribution column, a foreign key from a reference table to a distributed one, a foreign key
 * between distributed tables not on the distribution column, triggers and rules.
 */
const DISTRIBUTED = new Set(['facts', 'fact_audit', 'documents', 'rollups', 'fact_source_counts']);

interface Table {
  name: string;
  columns: Set<string>;
  keys: string[][];
  references: { table: string; columns: string[]; local: string[] }[];
}

const list = (s: string) => s.split(',').map((c) => c.trim().replace(/\s.*$/, ''));

function schema(): { tables: Map<string, Table>; statements: string[] } {
  const statements = readdirSync(MIGRATIONS_DIR)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .flatMap((f) => splitSqlStatements(readFileSync(`${MIGRATIONS_DIR}/${f}`, 'utf8')))
    .map((s) => s.replace(/--.*$/gm, '').replace(/\s+/g, ' ').trim().toLowerCase());
  const tables = new Map<string, Table>();
  for (const s of statements) {
    const create = /^create table (\w+) \((.*)\);?$/.exec(s);
    if (create) {
      const t: Table = { name: create[1]!, columns: new Set(), keys: [], references: [] };
      // split the body on commas outside parentheses
      const parts: string[] = [];
      let depth = 0;
      let cur = '';
      for (const ch of create[2]!) {
        if (ch === '(') depth++;
        if (ch === ')') depth--;
        if (ch === ',' && depth === 0) {
          parts.push(cur.trim());
          cur = '';
        } else cur += ch;
      }
      parts.push(cur.trim());
      for (const p of parts) {
        const key = /^(primary key|unique) \(([^)]*)\)/.exec(p);
        const fk = /^foreign key \(([^)]*)\) references (\w+) \(([^)]*)\)/.exec(p);
        if (key) t.keys.push(list(key[2]!));
        else if (fk) t.references.push({ local: list(fk[1]!), table: fk[2]!, columns: list(fk[3]!) });
        else if (!/^(check|constraint)\b/.test(p)) {
          const col = p.split(' ')[0]!;
          t.columns.add(col);
          if (/ primary key\b| unique\b/.test(p)) t.keys.push([col]);
          const ref = / references (\w+)(?: \(([^)]*)\))?/.exec(p);
          if (ref) t.references.push({ local: [col], table: ref[1]!, columns: ref[2] ? list(ref[2]) : [] });
        }
      }
      tables.set(t.name, t);
    }
    const index = /^create unique index \w+ on (\w+) \((.*)\)$/.exec(s);
    if (index) tables.get(index[1]!)?.keys.push(list(index[2]!));
    const added = /^alter table (\w+) add column (\w+)/.exec(s);
    if (added) tables.get(added[1]!)?.columns.add(added[2]!);
    const key = /^alter table (\w+) add (?:primary key|unique) \(([^)]*)\)/.exec(s);
    if (key) tables.get(key[1]!)?.keys.push(list(key[2]!));
  }
  return { tables, statements };
}

describe('the schema can be distributed by Citus (docs/scaling.md)', () => {
  const { tables, statements } = schema();

  it('distributed tables carry unit_code in every primary key and unique constraint', () => {
    for (const name of DISTRIBUTED) {
      const t = tables.get(name);
      expect(t, name).toBeDefined();
      expect(t!.columns.has('unit_code'), name).toBe(true);
      expect(t!.keys.length, `${name} has a primary key`).toBeGreaterThan(0);
      for (const key of t!.keys) expect(key, `${name} key (${key.join(', ')})`).toContain('unit_code');
    }
  });

  it('no reference table points at a distributed one; distributed tables point at each other on unit_code', () => {
    for (const t of tables.values())
      for (const r of t.references) {
        if (!DISTRIBUTED.has(r.table)) continue;
        expect(
          DISTRIBUTED.has(t.name),
          `${t.name} → ${r.table}: a reference table cannot reference a distributed one`,
        ).toBe(true);
        expect(r.local[0], `${t.name} → ${r.table} must join on the distribution column`).toBe('unit_code');
        expect(r.columns[0], `${t.name} → ${r.table}`).toBe('unit_code');
      }
  });

  it('uses no triggers or rules, which Citus does not propagate to shards', () => {
    expect(statements.filter((s) => /^create (or replace )?(trigger|rule)\b/.test(s))).toEqual([]);
  });

  it('the roll-up rule partitions its window by unit, so it runs on the shards', () => {
    const text = heldPeriodsSql.toOperationNode().sqlFragments.join(' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/partition by f\.unit_code\b/);
  });
});
