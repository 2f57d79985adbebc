import { describeEachDb } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { expect, it } from 'vitest';
import { type ApiContext, OPERATOR, type Principal } from '../context.ts';
import { createCaller } from '../root.ts';

const HEADER = 'code,name,level,parent_code';
const csv = (...lines: string[]) => `${[HEADER, ...lines].join('\n')}\n`;

/**
 * tRPC units.importCsv, the 管理 → 单位 screen's import: a preview that writes nothing and names
 * every problem by row and column, a commit that writes all or nothing, admins only. Each test
 * makes its own province (the operator's), so none needs another's leftovers.
 */
describeEachDb('units.importCsv', 'catalog', ({ db, kind }) => {
  const as = (principal: Principal) => createCaller({ db: db(), dbKind: kind, principal } satisfies ApiContext);
  const op = () => as(OPERATOR);
  const person = (province: string, role: Principal['role'] = 'admin', unit = province): Principal => ({
    userId: null,
    username: `${role}${unit}`,
    role,
    scopeUnitCode: unit,
    // a province or one of its cities
    scopePath: unit === province ? `${province}/` : `${province}/${unit}/`,
    provinceCode: province,
  });
  const unitCount = async (province: string) =>
    Number(
      (
        await db()
          .selectFrom('units')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .where('province_code', '=', province)
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** a province with one city, made by the operator through the same procedure */
  const province = async (code: string) => {
    const city = `${code.slice(0, 2)}0100`;
    const r = await op().units.importCsv({
      csv: csv(`${code},测试${code}省气象局,province,`, `${city},测试${code}市气象局,city,${code}`),
      commit: true,
    });
    expect([r.ok, r.inserted]).toEqual([true, 2]);
    return city;
  };

  it('gives a new province the default targets and settings', async () => {
    await province('740000');
    const admin = as(person('740000'));
    // domain.md §3: 12 targets for every level and 中心组学习 for city and province: 12 × 3 + 2
    const targets = await admin.admin.targets();
    expect(targets).toHaveLength(38);
    expect(
      targets.find((t) => t.indicatorCode === 'members_congress' && t.level === 'county' && t.unitCode === null),
    ).toMatchObject({ value: 4, year: null, phasing: { kind: 'quarterly' } });
    expect(await admin.admin.settings()).toMatchObject({
      status_thresholds: { green: 1, yellow: 0.8 },
      composite: { cap: 1.2 },
      anonymise_peers: false,
    });
  });

  it('previews without writing, naming every problem by row and column', async () => {
    await province('730000');
    const file = csv(
      '730101,甲县气象局,county,730100',
      '73010X,乙县气象局,county,730100',
      '730103,丙县气象局,town,730100',
      '730101,甲县气象局（重复）,county,730100',
      '730104,丁县气象局,county,730199',
      '720000,别省气象局,province,',
    );
    const r = await as(person('730000')).units.importCsv({ csv: file, commit: true });
    expect(r.ok).toBe(false);
    expect(r.errors.map((e) => [e.row, e.column, e.code])).toEqual([
      [3, 'code', 'bad_code'],
      [4, 'level', 'bad_level'],
      [5, 'code', 'duplicate_code'],
      [6, 'parent_code', 'unknown_parent'],
      [7, 'parent_code', 'province_by_operator'],
    ]);
    // the file's problems and the scope's, each in both languages (an English page shows messageEn)
    expect(r.errors.map((e) => [e.message, e.messageEn])).toEqual([
      ['单位代码应为6位数字（值 "73010X"）', 'A unit code is 6 digits (value "73010X")'],
      ['级别应为 province、city 或 county（值 "town"）', 'The level should be province, city or county (value "town")'],
      ['单位代码 730101 重复（第2行已有）', 'Unit code 730101 appears twice (row 2 has it already)'],
      ['上级单位 730199 不存在', 'Parent unit 730199 does not exist'],
      [
        '新建省级单位 720000 需由系统管理员在命令行完成（bixue units import）',
        'A new province-level unit 720000 must be created by the system operator on the command line (bixue units import)',
      ],
    ]);
    // the good rows are listed with what they would do; nothing was written, not even row 2
    expect(r.units.map((u) => [u.row, u.code, u.action])).toEqual([
      [2, '730101', 'insert'],
      [6, '730104', 'insert'],
      [7, '720000', 'insert'],
    ]);
    expect([r.inserted, r.updated, await unitCount('730000'), await unitCount('720000')]).toEqual([0, 0, 2, 0]);
  });

  it('checks the tree in the preview, writes on commit, and updates on a second commit', async () => {
    const city = await province('710000');
    const admin = as(person('710000'));
    // a county straight under the province: found by the write itself, rolled back
    const bad = await admin.units.importCsv({ csv: csv('710109,错县气象局,county,710000'), commit: false });
    expect(bad.ok).toBe(false);
    expect(bad.errors).toEqual([
      {
        row: 2,
        column: 'parent_code',
        code: 'bad_tree',
        message: 'county 级单位的上级应为 city 级，710000 是 province 级',
        messageEn: "A county unit's parent must be a city unit; 710000 is a province unit",
      },
    ]);
    // a new city and its county in one file (the child first: parents are placed before children)
    const file = csv(
      '710201,新县气象局,county,710200',
      '710200,新市气象局,city,710000',
      `${city},改名市气象局,city,710000`,
    );
    const dry = await admin.units.importCsv({ csv: file, commit: false });
    expect([dry.ok, dry.inserted, dry.updated, await unitCount('710000')]).toEqual([true, 2, 1, 2]);
    expect(dry.units.map((u) => u.action)).toEqual(['insert', 'insert', 'update']);
    const done = await admin.units.importCsv({ csv: file, commit: true });
    expect([done.ok, done.inserted, done.updated, await unitCount('710000')]).toEqual([true, 2, 1, 4]);
    const tree = await admin.units.tree();
    expect(tree[0]!.children.map((c) => [c.code, c.name, c.children.map((g) => g.code)])).toEqual([
      [city, '改名市气象局', []],
      ['710200', '新市气象局', ['710201']],
    ]);
    const again = await admin.units.importCsv({ csv: file, commit: true });
    expect([again.inserted, again.updated]).toEqual([0, 3]);
  });

  it('refuses a reporter and an analyst, and keeps an admin inside its province', async () => {
    const city = await province('700000');
    const file = csv(`${city.slice(0, 4)}01,某县气象局,county,${city}`);
    for (const role of ['reporter', 'analyst', 'leader'] as const) {
      const e = await as(person('700000', role, role === 'reporter' ? city : '700000'))
        .units.importCsv({ csv: file, commit: false })
        .catch((x: unknown) => x);
      expect(e, role).toBeInstanceOf(TRPCError);
      expect((e as TRPCError).code, role).toBe('FORBIDDEN');
    }
    // another province's admin: the parent is outside its scope, named on its row
    const other = await as(person('690000')).units.importCsv({ csv: file, commit: true });
    expect(other.errors.map((e) => [e.row, e.column, e.code])).toEqual([[2, 'parent_code', 'out_of_scope']]);
    expect(await unitCount('700000')).toBe(2);
  });
});
