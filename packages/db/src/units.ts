import {
  type Level,
  PARENT_LEVEL,
  type Said,
  SaidError,
  shortUnitName,
  type UnitImportRow,
  unitProblemSaid,
} from '@bixue/domain';
import { type Kysely, sql } from 'kysely';
import { bumpConfigVersion } from './answer-stamp.ts';
import { bootstrapProvince } from './province-bootstrap.ts';
import { onceInSnapshot } from './read-snapshot.ts';
import type { Database, Unit } from './schema.ts';

export class UnitImportError extends SaidError {
  constructor(
    readonly row: number,
    readonly column: string,
    /** what is wrong, without the row and column (a preview shows those in their own columns) */
    readonly detail: Said,
  ) {
    super(unitProblemSaid({ row, column }, detail));
    this.name = 'UnitImportError';
  }
}

export interface UnitInput extends UnitImportRow {
  shortName?: string;
  /** the import's name_en: left as stored when not given */
  nameEn?: string;
  sortOrder?: number;
  /** spreadsheet row, for error messages */
  row?: number;
}

/**
 * Inserts or updates units, parents before children. A parent may come from the same batch or
 * already be stored; a new province gets its default targets (bootstrapProvince). Runs in the
 * caller's transaction. The provinces touched get new config versions here, not only after a web
 * request: a server on the same database keeps units and answers per answer stamp, and the
 * command line's units import must not leave it showing the units as they were.
 */
export async function upsertUnits(
  db: Kysely<Database>,
  inputs: UnitInput[],
): Promise<{ inserted: number; updated: number }> {
  const existing = new Map((await db.selectFrom('units').selectAll().execute()).map((u) => [u.code, u]));
  const byCode = new Map<string, UnitInput>();
  inputs.forEach((u, i) => {
    const row = u.row ?? i + 2;
    if (byCode.has(u.code))
      throw new UnitImportError(row, 'code', {
        zh: `单位代码 ${u.code} 重复`,
        en: `Unit code ${u.code} appears twice`,
      });
    byCode.set(u.code, { ...u, row });
  });

  const resolved = new Map<string, { path: string; province: string; level: Level }>();
  for (const u of existing.values()) resolved.set(u.code, { path: u.path, province: u.province_code, level: u.level });

  const resolve = (code: string, seen: Set<string>): { path: string; province: string; level: Level } => {
    const input = byCode.get(code);
    if (!input) {
      const r = resolved.get(code);
      if (!r) throw new Error(`unknown unit ${code}`);
      return r;
    }
    if (seen.has(code))
      throw new UnitImportError(input.row!, 'parent_code', {
        zh: `单位 ${code} 的上级形成循环`,
        en: `Unit ${code}'s parents form a loop`,
      });
    seen.add(code);
    const expectedParentLevel = PARENT_LEVEL[input.level];
    if (input.parent_code === null) {
      if (expectedParentLevel !== null)
        throw new UnitImportError(input.row!, 'parent_code', {
          zh: `${input.level} 级单位必须有上级单位`,
          en: `A ${input.level} unit needs a parent unit`,
        });
      const r = { path: `${code}/`, province: code, level: input.level };
      resolved.set(code, r);
      return r;
    }
    if (!byCode.has(input.parent_code) && !resolved.has(input.parent_code))
      throw new UnitImportError(input.row!, 'parent_code', {
        zh: `上级单位 ${input.parent_code} 不存在`,
        en: `Parent unit ${input.parent_code} does not exist`,
      });
    const parent = resolve(input.parent_code, seen);
    if (parent.level !== expectedParentLevel)
      throw new UnitImportError(input.row!, 'parent_code', {
        zh: `${input.level} 级单位的上级应为 ${expectedParentLevel ?? '无'} 级，${input.parent_code} 是 ${parent.level} 级`,
        en: `A ${input.level} unit's parent must be a ${expectedParentLevel ?? 'none'} unit; ${input.parent_code} is a ${parent.level} unit`,
      });
    const r = { path: `${parent.path}${code}/`, province: parent.province, level: input.level };
    resolved.set(code, r);
    return r;
  };

  let inserted = 0;
  let updated = 0;
  // parents first: sort by depth of the resolved path
  const planned = [...byCode.values()].map((u) => ({ u, r: resolve(u.code, new Set()) }));
  planned.sort((a, b) => a.r.path.length - b.r.path.length);
  for (const { u, r } of planned) {
    const values = {
      code: u.code,
      name: u.name,
      short_name: u.shortName ?? shortUnitName(u.name),
      level: u.level,
      parent_code: u.parent_code,
      province_code: r.province,
      path: r.path,
      sort_order: u.sortOrder ?? Number(u.code),
      ...(u.nameEn === undefined ? {} : { name_en: u.nameEn }),
    };
    const old = existing.get(u.code);
    if (old) {
      if (old.path !== r.path && old.path) {
        // a moved unit drags its subtree along
        await db
          .updateTable('units')
          .set({ path: sql<string>`${r.path} || substr(path, ${old.path.length + 1})` })
          .where('path', 'like', `${old.path}%`)
          .where('code', '!=', u.code)
          .execute();
      }
      await db.updateTable('units').set(values).where('code', '=', u.code).execute();
      updated++;
    } else {
      await db.insertInto('units').values(values).execute();
      if (u.level === 'province') await bootstrapProvince(db, u.code);
      inserted++;
    }
  }
  const touched = new Set(
    planned.flatMap(({ u, r }) => [r.province, existing.get(u.code)?.province_code ?? r.province]),
  );
  for (const province of touched) await bumpConfigVersion(db, province);
  return { inserted, updated };
}

export async function listUnits(db: Kysely<Database>, rootCode?: string): Promise<Unit[]> {
  let q = db.selectFrom('units').selectAll();
  if (rootCode) {
    const root = await db.selectFrom('units').select('path').where('code', '=', rootCode).executeTakeFirst();
    if (!root) return [];
    q = q.where('path', 'like', `${root.path}%`);
  }
  return q.orderBy('path').execute();
}

/** Read once per read snapshot (an answer's anchor and the caller's own unit are looked up from several places). */
export function getUnit(db: Kysely<Database>, code: string): Promise<Unit | undefined> {
  return onceInSnapshot(db, `unit:${code}`, () =>
    db.selectFrom('units').selectAll().where('code', '=', code).executeTakeFirst(),
  );
}
