import { createDb, type DbHandle, migrateToLatest, parseLsn, syncCatalog } from '@bixue/db';
import { loadAnalyticsFixture, startStreamingPair, type StreamingPair, testDbKinds } from '@bixue/db/testing';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readEnv } from './env.ts';
import { buildServer, CSRF_HEADER, SESSION_COOKIE } from './server.ts';
import { fixtureSessions, type TestSession } from './sessions-for-tests.ts';

describe('WAL positions', () => {
  it('order as the log does, the high word first', () => {
    expect(parseLsn('0/16B3748')).toBe(0x16b3748n);
    expect(parseLsn('1/0')).toBe(0x100000000n);
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
  });
});

describe('DATABASE_REPLICA_URLS', () => {
  it('is a comma list of URLs, and only beside the primary it replicates', () => {
    const primary = 'postgresql://u@primary/bixue';
    expect(readEnv({}).DATABASE_REPLICA_URLS).toEqual([]);
    expect(
      readEnv({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'postgresql://u@r1/bixue, postgresql://u@r2/bixue' })
        .DATABASE_REPLICA_URLS,
    ).toEqual(['postgresql://u@r1/bixue', 'postgresql://u@r2/bixue']);
    expect(() => readEnv({ DATABASE_REPLICA_URLS: 'postgresql://u@r1/bixue' })).toThrow(
      /DATABASE_REPLICA_URLS: replicas need DATABASE_URL/,
    );
    expect(() => readEnv({ DATABASE_URL: primary, DATABASE_REPLICA_URLS: 'r1,r2' })).toThrow(/DATABASE_REPLICA_URLS/);
  });
});

/**
 * A real primary and a streaming replica (Debian's PostgreSQL, pg_basebackup -R) behind the real
 * server with DATABASE_REPLICA_URLS' routing. PostgreSQL only: PGlite has no replication.
 */
describe.skipIf(!testDbKinds().includes('postgres'))('reads from a streaming replica', () => {
  let pair: StreamingPair | undefined;
  let handle: DbHandle | undefined;
  let app: FastifyInstance | undefined;
  let sessions: Record<string, TestSession> = {};

  beforeAll(async () => {
    pair = await startStreamingPair();
    handle = await createDb({ url: pair.primaryUrl, replicaUrls: [pair.replicaUrl], maxConnections: 4 });
    await migrateToLatest(handle.db);
    await syncCatalog(handle.db);
    await loadAnalyticsFixture(handle.db);
    app = await buildServer({ handle });
    sessions = await fixtureSessions(app, handle.db, ['adm', 'ana']);
    await pair.caughtUp();
  }, 120_000);

  afterAll(async () => {
    try {
      await app?.close();
      await handle?.close();
    } finally {
      await pair?.stop();
    }
  });

  const ROLLUP = '/api/rollup?unit=880101&indicator=members_congress&window=2024';
  const read = async (who: string) => {
    const res = await app!.inject({ method: 'GET', url: ROLLUP, cookies: { [SESSION_COOKIE]: sessions[who]!.cookie } });
    expect(res.statusCode).toBe(200);
    return res.json<{ value: number }>().value;
  };
  const save = async (who: string, value: number, expectedVersion: number) => {
    const res = await app!.inject({
      method: 'POST',
      url: '/trpc/data.saveEntry',
      payload: {
        unitCode: '880101',
        period: '2024H2',
        changes: [{ indicatorCode: 'members_congress', value, status: 'value', expectedVersion }],
      },
      cookies: { [SESSION_COOKIE]: sessions[who]!.cookie },
      headers: { [CSRF_HEADER]: sessions[who]!.csrf },
    });
    expect(res.statusCode).toBe(200);
  };

  // one walk-through: each step starts from the writes and the replica state the one before left
  it('walk-through: reads go to the replica and a writer reads its own write at once; caught up, its reads go back to the replica; a replica down, reads fall back to the primary', async () => {
    // 1. reads go to the replica, and a session that wrote reads its own write at once
    // the fixture: 2024H1 2 + 2024H2 3
    expect(await read('ana')).toBe(5);
    // the replica stops replaying: whatever is written now reaches only the primary
    await pair!.onReplica('select pg_wal_replay_pause()');
    await save('adm', 7, 1);
    // the writer at once: 2 + 7, from the primary
    expect(await read('adm')).toBe(9);
    // anybody else still reads the replica, which has not seen the write (and its cache key says so)
    expect(await read('ana')).toBe(5);
    await pair!.onReplica('select pg_wal_replay_resume()');
    await pair!.caughtUp();
    expect(await read('ana')).toBe(9);
    expect(await read('adm')).toBe(9);

    // 2. once the writer is caught up, its reads go back to the replica
    await pair!.onReplica('select pg_wal_replay_pause()');
    try {
      // adm's write of step 1 was replayed: adm reads the paused replica again, so a
      // write through the primary behind adm's back (ana's) is not seen by adm, and is by ana
      await save('ana', 4, 2);
      expect(await read('ana')).toBe(6);
      expect(await read('adm')).toBe(9);
    } finally {
      await pair!.onReplica('select pg_wal_replay_resume()');
    }
    await pair!.caughtUp();
    expect(await read('adm')).toBe(6);

    // 3. a replica that is down: reads fall back to the primary, without errors
    await pair!.stopReplica();
    // the same question as before (its cached answer was drawn from the replica) and after a new write
    expect(await read('ana')).toBe(6);
    await save('adm', 10, 3);
    expect(await read('ana')).toBe(12);
    expect(await read('adm')).toBe(12);
  });
});
