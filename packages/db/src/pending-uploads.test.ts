import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import {
  markUploadCommitted,
  PENDING_UPLOAD_LIMITS,
  pendingTotals,
  PendingUploadsFullError,
  savePendingUpload,
} from './pending-uploads.ts';
import { describeEachDb } from './testing/index.ts';

const HOUR = 60 * 60 * 1000;
const MB = 1024 * 1024;

describeEachDb('pending uploads: at most 20 and 100 MB per person', 'catalog', ({ db }) => {
  const save = (owner: string, bytes = Buffer.from('unit_code,indicator,period,value\n'), now?: Date) =>
    savePendingUpload(db(), { id: randomBytes(16).toString('hex'), owner, fileName: 'f.csv', bytes }, HOUR, now);
  const refusal = (p: Promise<unknown>) =>
    p.then(
      () => null,
      (e: unknown) => e,
    );

  it('refuses the 21st upload of one person, saying how many and how big, and no one else’s', async () => {
    expect(PENDING_UPLOAD_LIMITS).toEqual({ count: 20, bytes: 100 * MB });
    for (let i = 0; i < 20; i++) await save('1:ann');
    const e = await refusal(save('1:ann'));
    expect(e).toBeInstanceOf(PendingUploadsFullError);
    const full = e as PendingUploadsFullError;
    // 20 files of 33 bytes
    expect([full.reason, full.pending]).toEqual(['pending_uploads_full', { count: 20, bytes: 660 }]);
    expect(full.message).toContain('每人最多保留 20 个、共 100.0 MB，现有 20 个、共 0.0 MB');
    expect(full.message).toContain('请先确认导入或丢弃之前上传的文件');
    expect(full.messageEn).toContain('commit or discard earlier uploads first');
    expect(await pendingTotals(db(), '1:ann')).toEqual({ count: 20, bytes: 660 });
    // another person has their own 20
    await save('2:bob');
    // an upload that expired frees its place: one stored two hours ago is gone an hour later
    await save('3:cat', undefined, new Date(Date.now() - 2 * HOUR));
    expect(await pendingTotals(db(), '3:cat')).toEqual({ count: 0, bytes: 0 });
  });

  it('refuses what would pass 100 MB, and counts a committed upload as nothing', async () => {
    const owner = '4:dan';
    // made in the database: 100 MB through PGlite's wire takes minutes, a repeated byte compresses to nothing
    const stored = async (id: string, bytes: number) =>
      sql`insert into pending_uploads (id, owner, file_name, bytes, expires_at)
          values (${id}, ${owner}, 'big.csv', convert_to(repeat('x', ${bytes}), 'UTF8'), now() + interval '1 hour')`.execute(
        db(),
      );
    await stored('big-1', 50 * MB);
    await stored('big-2', 50 * MB - 1);
    // 100 MB less one byte: one byte fits, a second does not
    await save(owner, Buffer.from('x'));
    const e = await refusal(save(owner, Buffer.from('y')));
    expect((e as PendingUploadsFullError).pending).toEqual({ count: 3, bytes: 100 * MB });
    expect((e as Error).message).toContain('现有 3 个、共 100.0 MB');
    // committing the first empties its bytes: 50 MB free again
    await markUploadCommitted(db(), 'big-1');
    const emptied = await db()
      .selectFrom('pending_uploads')
      .select(['state', (eb) => eb.fn<number>('octet_length', ['bytes']).as('size')])
      .where('id', '=', 'big-1')
      .executeTakeFirstOrThrow();
    expect(emptied).toEqual({ state: 'done', size: 0 });
    expect(await pendingTotals(db(), owner)).toEqual({ count: 2, bytes: 50 * MB });
    await save(owner, Buffer.alloc(1000, 1));
    expect(await pendingTotals(db(), owner)).toEqual({ count: 3, bytes: 50 * MB + 1000 });
  });

  it('lets ten parallel uploads of a person with 15 pending store five, never more than 20', async () => {
    for (let round = 0; round < 5; round++) {
      const owner = `race:${round}`;
      for (let i = 0; i < 15; i++) await save(owner);
      const results = await Promise.allSettled(Array.from({ length: 10 }, () => save(owner)));
      const refused = results.filter((r) => r.status === 'rejected');
      expect(refused.every((r) => r.reason instanceof PendingUploadsFullError)).toBe(true);
      expect([results.length - refused.length, refused.length]).toEqual([5, 5]);
      expect((await pendingTotals(db(), owner)).count).toBe(20);
    }
  });
});
