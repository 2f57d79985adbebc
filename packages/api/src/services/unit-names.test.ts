import { upsertUnits } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { beforeAll, expect, it } from 'vitest';
import { type ApiContext, type Principal } from '../context.ts';
import { createCaller } from '../root.ts';

describeEachDb('units.setNameEn', 'catalog', ({ db, kind }) => {
  const as = (principal: Principal) => createCaller({ db: db(), dbKind: kind, principal } satisfies ApiContext);
  const admin: Principal = {
    userId: null,
    username: 'admin770',
    role: 'admin',
    scopeUnitCode: '770000',
    scopePath: '770000/',
    provinceCode: '770000',
  };
  const code = (e: unknown) => (e instanceof TRPCError ? e.code : String(e));
  const configVersion = async () =>
    (
      await db()
        .selectFrom('config_versions')
        .select('version')
        .where('province_code', '=', '770000')
        .executeTakeFirst()
    )?.version ?? 0;

  beforeAll(async () => {
    await upsertUnits(db(), [
      { code: '770000', name: '福建省局', level: 'province', parent_code: null },
      { code: '770100', name: '南平市局', level: 'city', parent_code: '770000' },
      { code: '770101', name: '建阳区局', level: 'county', parent_code: '770100' },
      { code: '760000', name: '他省气象局', level: 'province', parent_code: null },
    ]);
  });

  it('stores an admin’s English names and answers with them; blank goes back to the romanised ones', async () => {
    expect((await as(admin).units.get({ unit: '770100' })).nameEn).toBe('Nanping City Bureau');
    const before = await configVersion();

    const set = await as(admin).units.setNameEn({
      unit: '770100',
      nameEn: '  Nanping Municipal Bureau ',
      shortNameEn: 'Nanping Shi',
    });
    expect(set).toEqual({
      code: '770100',
      nameEn: 'Nanping Municipal Bureau',
      shortNameEn: 'Nanping Shi',
      stored: { nameEn: 'Nanping Municipal Bureau', shortNameEn: 'Nanping Shi' },
    });
    const row = await db()
      .selectFrom('units')
      .select(['name_en', 'short_name_en'])
      .where('code', '=', '770100')
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ name_en: 'Nanping Municipal Bureau', short_name_en: 'Nanping Shi' });
    const info = await as(admin).units.get({ unit: '770101' });
    expect([info.nameEn, info.shortNameEn]).toEqual(['Jianyang District Bureau', 'Jianyang']);
    expect(info.parent).toEqual({
      code: '770100',
      name: '南平市局',
      nameEn: 'Nanping Municipal Bureau',
      shortNameEn: 'Nanping Shi',
    });
    const [tree] = await as(admin).units.tree();
    expect(tree!.children[0]).toMatchObject({
      nameEn: 'Nanping Municipal Bureau',
      storedEn: { nameEn: 'Nanping Municipal Bureau', shortNameEn: 'Nanping Shi' },
    });
    // cached answers naming the unit are drawn again
    expect(await configVersion()).toBeGreaterThan(before);

    // only the full name given: the short one goes back to the romanised place
    expect(await as(admin).units.setNameEn({ unit: '770100', nameEn: '' })).toEqual({
      code: '770100',
      nameEn: 'Nanping City Bureau',
      shortNameEn: 'Nanping',
      stored: { nameEn: null, shortNameEn: null },
    });
  });

  it('refuses anyone but an admin of the unit’s province, and Chinese in an English name', async () => {
    const analyst: Principal = { ...admin, role: 'analyst' };
    const reporter: Principal = {
      ...admin,
      role: 'reporter',
      scopeUnitCode: '770101',
      scopePath: '770000/770100/770101/',
    };
    const otherAdmin: Principal = { ...admin, scopeUnitCode: '760000', scopePath: '760000/', provinceCode: '760000' };
    const attempt = (p: Principal, nameEn = 'Nanping') => as(p).units.setNameEn({ unit: '770100', nameEn });
    for (const p of [analyst, reporter, otherAdmin])
      await expect(attempt(p)).rejects.toSatisfy((e) => code(e) === 'FORBIDDEN');
    await expect(attempt(admin, '南平')).rejects.toSatisfy((e) => code(e) === 'BAD_REQUEST');
    const row = await db()
      .selectFrom('units')
      .select(['name_en'])
      .where('code', '=', '770100')
      .executeTakeFirstOrThrow();
    expect(row.name_en).toBeNull();
  });

  it('takes English names from a units CSV’s name_en column, keeping the stored one where it is blank', async () => {
    await as(admin).units.setNameEn({ unit: '770101', nameEn: 'Jianyang Bureau' });
    const csv =
      'code,name,level,parent_code,name_en\n770100,南平市局,city,770000,Nanping Met Bureau\n770101,建阳区局,county,770100,\n';
    const preview = await as(admin).units.importCsv({ csv });
    expect(preview.units.map((u) => [u.code, u.nameEn])).toEqual([
      ['770100', 'Nanping Met Bureau'],
      ['770101', null],
    ]);
    expect((await as(admin).units.importCsv({ csv, commit: true })).ok).toBe(true);
    const rows = await db()
      .selectFrom('units')
      .select(['code', 'name_en'])
      .where('code', 'in', ['770100', '770101'])
      .orderBy('code')
      .execute();
    expect(rows).toEqual([
      { code: '770100', name_en: 'Nanping Met Bureau' },
      { code: '770101', name_en: 'Jianyang Bureau' },
    ]);
  });
});
