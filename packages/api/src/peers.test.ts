import { DEMO_PASSWORD, putSetting } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { expect, it, onTestFinished } from 'vitest';
import { writeFactsAs } from './audited-writes.ts';
import type { ApiContext } from './context.ts';
import { peerLetters } from '@bixue/domain';
import { anonymiser, peerLabel } from './peers.ts';
import { assertGroupReadable } from './scope.ts';
import { login } from './services/auth.ts';

it('letters peers like spreadsheet columns', () => {
  expect([0, 1, 25, 26, 27, 51, 52].map(peerLetters)).toEqual(['A', 'B', 'Z', 'AA', 'AB', 'AZ', 'BA']);
});

describeEachDb('peers and audited writes', 'demo', ({ db, kind }) => {
  const as = async (username: string): Promise<ApiContext> => {
    const r = await login(db(), username, DEMO_PASSWORD);
    return { db: db(), dbKind: kind, principal: r!.principal };
  };
  const counties = () =>
    db()
      .selectFrom('units')
      .select(['code', 'name', 'short_name'])
      .where('level', '=', 'county')
      .orderBy('code')
      .execute();

  it('names peers for analysts unless the province anonymises them; admins always see names', async () => {
    const all = await counties();
    const own = all.find((u) => u.code === '990101')!;
    const peer = all.find((u) => u.code === '990201')!;
    const analyst = await as('analyst');
    expect(await peerLabel(analyst, peer)).toBe(peer.name);

    await putSetting(db(), '990000', 'anonymise_peers', true);
    // the file's other tests see names again even when this one fails half-way
    onTestFinished(() => putSetting(db(), '990000', 'anonymise_peers', false));
    const a = await anonymiser(await as('analyst'));
    expect(a.hidesPeers).toBe(true);
    expect(a.label(own)).toBe(own.name);
    // every county outside 云川市 gets its own letter, the same each time it is asked
    const outside = all.filter((u) => !u.code.startsWith('9901'));
    const labels = outside.map((u) => a.label(u));
    expect(new Set(labels).size).toBe(outside.length);
    expect(labels.every((l) => /^同级单位[A-Z]{1,2}$/.test(l))).toBe(true);
    expect(labels.some((l) => l === '同级单位A')).toBe(true);
    expect((await anonymiser(await as('analyst'))).label(peer)).toBe(a.label(peer));
    expect(a.label(peer, 'en')).toBe(a.label(peer).replace('同级单位', 'Peer '));
    // the letters do not follow the codes, so their order gives nothing away
    expect(labels).not.toEqual([...labels].sort((x, y) => x.length - y.length || x.localeCompare(y)));

    const admin = await anonymiser(await as('admin'));
    expect(admin.label(peer)).toBe(peer.name);
  });

  it('shows a reporter only its own rows, its peers anonymous whatever the setting', async () => {
    const reporter = await as('reporter');
    const a = await anonymiser(reporter);
    const rows = (await counties()).filter((u) => u.code.startsWith('9901')).map((u) => ({ unit: u.code, rank: 1 }));
    expect(a.visibleRows(rows, (r) => r.unit)).toEqual([{ unit: '990101', rank: 1 }]);
    expect(a.label({ code: '990102', name: '宁远县气象局' })).toMatch(/^同级单位[A-Z]{1,2}$/);
    // a group is readable when one of its members is the caller's
    await expect(assertGroupReadable(reporter, 'siblings:990100')).resolves.toEqual({
      kind: 'siblings',
      unit: '990100',
    });
    await expect(assertGroupReadable(reporter, 'level:county@990000')).resolves.toMatchObject({ kind: 'level' });
    await expect(assertGroupReadable(reporter, 'level:city@990000')).rejects.toThrow('无权查看同级组');
    await expect(assertGroupReadable(reporter, 'group:山区县')).rejects.toThrow('无权查看同级组');
    // 山区县 are counties of cities 03, 06, 09 and 12: none of 云川市 (01)
    await expect(assertGroupReadable(await as('analyst'), 'group:山区县')).rejects.toThrow('无权查看同级组');
    await expect(assertGroupReadable(await as('leader'), 'group:山区县')).resolves.toEqual({
      kind: 'group',
      name: '山区县',
    });
    await expect(assertGroupReadable(await as('leader'), 'group:平原县')).rejects.toThrow('同级组 平原县 不存在');
    await expect(assertGroupReadable(reporter, 'siblings:99010')).rejects.toThrow('格式有误');
  });

  it('writes facts only inside the writer’s scope, audited under the writer’s name', async () => {
    const fact = (unitCode: string) => ({
      unitCode,
      indicatorCode: 'party_lecture',
      period: '2026-06',
      value: 4,
      status: 'value' as const,
    });
    const reporter = await as('reporter');
    await expect(writeFactsAs(reporter, [fact('990101'), fact('990102')], { source: 'manual' })).rejects.toThrow(
      '无权访问单位 990102',
    );
    await expect(writeFactsAs(await as('leader'), [fact('990101')], { source: 'manual' })).rejects.toThrow('只能查看');
    // nothing of the refused batch was written
    const audit = () =>
      db()
        .selectFrom('fact_audit')
        .select(['unit_code', 'changed_by', 'new_value'])
        .where('indicator_code', '=', 'party_lecture')
        .where('period', '=', '2026-06')
        .execute();
    expect(await audit()).toEqual([]);
    // no reporting period covers 2026-06 here, so the fact counts at once and nothing is drafted
    expect(await writeFactsAs(reporter, [fact('990101')], { source: 'manual' })).toEqual({
      inserted: 1,
      updated: 0,
      deleted: 0,
      unchanged: 0,
      drafted: 0,
      // the demo is loaded in bulk, not through the write path: this is the province's first versioned write
      versions: { '990000': 1 },
    });
    expect(await audit()).toEqual([{ unit_code: '990101', changed_by: 'reporter', new_value: 4 }]);
  });
});
