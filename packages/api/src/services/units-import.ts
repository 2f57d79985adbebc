import { UnitImportError, type UnitInput, upsertUnits } from '@bixue/db';
import { type Level, type Said, unitProblemSaid } from '@bixue/domain';
import { readUnitsCsv, type UnitProblem } from '@bixue/import';
import type { ApiContext, Principal } from '../context.ts';
import { ForbiddenError, InputError, NotFoundError } from '../errors.ts';
import { inScope, requirePrincipal } from '../scope.ts';

/** A row of the file as the preview lists it: what it will do. */
export interface UnitImportRow {
  row: number;
  code: string;
  name: string;
  /** the file's name_en; null: none given */
  nameEn: string | null;
  level: Level;
  parentCode: string | null;
  action: 'insert' | 'update';
}

/** Shaped like contracts.md's `import` answer: with errors nothing is written. */
export interface UnitsImport {
  ok: boolean;
  errors: UnitProblem[];
  units: UnitImportRow[];
  inserted: number;
  updated: number;
}

/** A row the caller's scope refuses, said in both languages (the answer's problems: `message` and `messageEn`). */
type ScopeProblem = Omit<UnitProblem, 'message' | 'messageEn'> & { said: Said };

const asUnitProblem = ({ said, ...p }: ScopeProblem): UnitProblem => ({ ...p, message: said.zh, messageEn: said.en });

function requireAdmin(ctx: ApiContext): Principal {
  const p = requirePrincipal(ctx);
  if (p.role !== 'admin')
    throw new ForbiddenError({ zh: '仅管理员可以导入单位', en: 'Only an administrator can import units' });
  return p;
}

/**
 * What the caller's scope says of each row: an admin places units inside its own province (a
 * parent may come in the same batch, checked on its own row); only the operator creates a
 * province. Also which codes are stored already.
 */
async function scopeProblems(
  ctx: ApiContext,
  p: Principal,
  rows: readonly UnitInput[],
): Promise<{ problems: ScopeProblem[]; stored: Set<string> }> {
  const inBatch = new Set(rows.map((r) => r.code));
  const named = [...new Set(rows.flatMap((r) => (r.parent_code ? [r.code, r.parent_code] : [r.code])))];
  const stored = new Map(
    named.length
      ? (await ctx.db.selectFrom('units').select(['code', 'path']).where('code', 'in', named).execute()).map((u) => [
          u.code,
          u,
        ])
      : [],
  );
  const problems: ScopeProblem[] = [];
  rows.forEach((r, i) => {
    const row = r.row ?? i + 2;
    const old = stored.get(r.code);
    if (old && !inScope(p, old))
      problems.push({
        row,
        column: 'code',
        code: 'out_of_scope',
        said: { zh: `单位 ${r.code} 不在您的管理范围内`, en: `Unit ${r.code} is outside the units you manage` },
      });
    else if (r.parent_code === null) {
      if (!old && p.provinceCode !== '*')
        problems.push({
          row,
          column: 'parent_code',
          code: 'province_by_operator',
          said: {
            zh: `新建省级单位 ${r.code} 需由系统管理员在命令行完成（bixue units import）`,
            en: `A new province-level unit ${r.code} must be created by the system operator on the command line (bixue units import)`,
          },
        });
    } else if (!inBatch.has(r.parent_code)) {
      const parent = stored.get(r.parent_code);
      if (!parent)
        problems.push({
          row,
          column: 'parent_code',
          code: 'unknown_parent',
          said: { zh: `上级单位 ${r.parent_code} 不存在`, en: `Parent unit ${r.parent_code} does not exist` },
        });
      else if (!inScope(p, parent))
        problems.push({
          row,
          column: 'parent_code',
          code: 'out_of_scope',
          said: {
            zh: `上级单位 ${r.parent_code} 不在您的管理范围内`,
            en: `Parent unit ${r.parent_code} is outside the units you manage`,
          },
        });
    }
  });
  return { problems, stored: new Set(stored.keys()) };
}

/** A refused row as the error the procedures answer with: 403 for scope, 404 for a missing parent. */
function errorOf(problem: ScopeProblem): Error {
  const text = unitProblemSaid(problem, problem.said);
  if (problem.code === 'out_of_scope' || problem.code === 'province_by_operator') return new ForbiddenError(text);
  if (problem.code === 'unknown_parent') return new NotFoundError(text);
  return new InputError(text, problem.column);
}

/** Thrown inside a dry run's transaction so that it rolls back, carrying what the write would have done. */
class DryRun extends Error {
  constructor(readonly counts: { inserted: number; updated: number }) {
    super('dry run');
  }
}

/**
 * Writes the rows, parents before children, all or nothing; a province that appears here starts
 * with the default targets and phasing the demo has (upsertUnits → bootstrapProvince; settings take
 * their defaults). Without `commit` the write runs and is rolled back: the tree's own rules
 * (levels, cycles) are checked by the same code that would write it.
 */
async function write(ctx: ApiContext, rows: UnitInput[], commit: boolean) {
  return ctx.db
    .transaction()
    .execute(async (trx) => {
      const counts = await upsertUnits(trx, rows);
      if (!commit) throw new DryRun(counts);
      return counts;
    })
    .catch((e: unknown) => {
      if (e instanceof DryRun) return e.counts;
      throw e;
    });
}

/**
 * Adds or updates units: the tRPC `units.import` (a form's unit, a script's rows). Admin only;
 * the first problem refuses the whole batch.
 */
export async function importUnits(
  ctx: ApiContext,
  rows: readonly UnitInput[],
): Promise<{ inserted: number; updated: number }> {
  const p = requireAdmin(ctx);
  const { problems } = await scopeProblems(ctx, p, rows);
  if (problems[0]) throw errorOf(problems[0]);
  return write(ctx, [...rows], true).catch((e: unknown) => {
    if (e instanceof UnitImportError) throw new InputError({ zh: e.message, en: e.messageEn }, e.column);
    throw e;
  });
}

/**
 * A units CSV (contracts.md `units import`), read, checked against the caller's scope and the
 * tree, and written only with `commit` and no problem: the 管理 → 单位 screen's preview and
 * import, and the CLI's `units import`. Every problem names its row and column.
 */
export async function importUnitsCsv(ctx: ApiContext, csv: string, opts: { commit: boolean }): Promise<UnitsImport> {
  const p = requireAdmin(ctx);
  const read = readUnitsCsv(csv);
  const { problems, stored } = await scopeProblems(ctx, p, read.rows);
  const units = read.rows.map((r, i) => ({
    row: r.row ?? i + 2,
    code: r.code,
    name: r.name,
    nameEn: r.nameEn ?? null,
    level: r.level,
    parentCode: r.parent_code,
    action: stored.has(r.code) ? ('update' as const) : ('insert' as const),
  }));
  const errors = [...read.problems, ...problems.map(asUnitProblem)].sort((a, b) => a.row - b.row);
  if (errors.length) return { ok: false, errors, units, inserted: 0, updated: 0 };
  try {
    return { ok: true, errors, units, ...(await write(ctx, read.rows, opts.commit)) };
  } catch (e) {
    if (!(e instanceof UnitImportError)) throw e;
    const error = asUnitProblem({ row: e.row, column: e.column, code: 'bad_tree', said: e.detail });
    return { ok: false, errors: [error], units, inserted: 0, updated: 0 };
  }
}
