import { claimPendingUpload, upsertUnits } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { TRPCError } from '@trpc/server';
import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import type { ApiContext, Principal } from '../context.ts';
import { createCaller } from '../root.ts';
import { previewUpload } from './import.ts';

const analyst: Principal = {
  userId: 2,
  username: 'a',
  role: 'analyst',
  scopeUnitCode: '880100',
  scopePath: '880000/880100/',
  provinceCode: '880000',
};
const otherAnalyst: Principal = { ...analyst, userId: 3, username: 'b' };

async function refusal(call: Promise<unknown>): Promise<{ code: string; message: string }> {
  const e = await call.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof TRPCError)) throw new Error(`expected a refusal, got ${String(e)}`);
  return { code: e.code, message: e.message };
}

/** An upload is committed once, then keeps no bytes; its owner may discard it until a commit holds it. */
describeEachDb('pending uploads: commit once, discard', 'catalog', ({ db, kind }) => {
  const ctx = (principal: Principal): ApiContext => ({ db: db(), dbKind: kind, principal });
  const as = (principal: Principal) => createCaller(ctx(principal));
  const preview = async (value: number) => {
    const p = await previewUpload(ctx(analyst), {
      bytes: Buffer.from(`unit_code,indicator,period,value\n880101,research_reports,2024,${value}\n`),
      fileName: 'r.csv',
    });
    expect(p.ok).toBe(true);
    return p.uploadId!;
  };
  const stored = (id: string) =>
    db()
      .selectFrom('pending_uploads')
      .select(['state', sql<number>`octet_length(bytes)`.as('size')])
      .where('id', '=', id)
      .executeTakeFirst();

  beforeAll(() =>
    upsertUnits(db(), [
      { code: '880000', name: '样例省气象局', level: 'province', parent_code: null },
      { code: '880100', name: '甲市气象局', level: 'city', parent_code: '880000' },
      { code: '880101', name: '甲一县气象局', level: 'county', parent_code: '880100' },
    ]),
  );

  it('empties the bytes once committed and refuses a second commit', async () => {
    const id = await preview(3);
    // the CSV's 33 + 31 bytes wait for the commit
    expect(await stored(id)).toEqual({ state: 'waiting', size: 64 });
    expect(await as(analyst).data.importCommit({ uploadId: id })).toMatchObject({ ok: true, inserted: 1 });
    expect(await stored(id)).toEqual({ state: 'done', size: 0 });
    expect(await as(analyst).data.importProgress({ uploadId: id })).toEqual({ done: 1, total: 1, state: 'done' });
    expect(await refusal(as(analyst).data.importCommit({ uploadId: id }))).toEqual({
      code: 'CONFLICT',
      message: '这个文件已经导入，不会再导入一次；要改数据请重新上传',
    });
    const audits = await db()
      .selectFrom('fact_audit')
      .select('new_value')
      .where('unit_code', '=', '880101')
      .where('indicator_code', '=', 'research_reports')
      .execute();
    expect(audits).toEqual([{ new_value: 3 }]);
    // nor can a committed upload be discarded: there is nothing left to take back
    expect(await refusal(as(analyst).data.importDiscard({ uploadId: id }))).toEqual({
      code: 'CONFLICT',
      message: '这个文件已经导入，不能再丢弃；要改数据请重新上传',
    });
  });

  it('lets the owner discard an upload; another person, a second discard and a later commit find nothing', async () => {
    const id = await preview(4);
    const gone = { code: 'NOT_FOUND', message: '上传的文件已过期或不存在，请重新上传' };
    expect(await refusal(as(otherAnalyst).data.importDiscard({ uploadId: id }))).toEqual(gone);
    expect(await stored(id)).toEqual({ state: 'waiting', size: 64 });
    expect(await as(analyst).data.importDiscard({ uploadId: id })).toEqual({ discarded: true });
    expect(await stored(id)).toBeUndefined();
    expect(await refusal(as(analyst).data.importDiscard({ uploadId: id }))).toEqual(gone);
    expect(await refusal(as(analyst).data.importCommit({ uploadId: id }))).toEqual(gone);
  });

  it('refuses to discard an upload a commit is writing', async () => {
    const id = await preview(5);
    expect(await claimPendingUpload(db(), id, `${analyst.userId}:${analyst.username}`)).toBeNull();
    expect(await refusal(as(analyst).data.importDiscard({ uploadId: id }))).toEqual({
      code: 'CONFLICT',
      message: '这个文件正在导入，请等待完成',
    });
    expect(await stored(id)).toEqual({ state: 'running', size: 64 });
  });
});
