import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, expect, it } from 'vitest';
import { createDb } from './create-db.ts';
import { acquireDataDirLock, DataDirBusyError, type DataDirOwner } from './data-dir-lock.ts';

const root = mkdtempSync(join(tmpdir(), 'bixue-lock-'));
const children: ChildProcess[] = [];
afterAll(() => {
  for (const c of children) c.kill();
  rmSync(root, { recursive: true, force: true });
});

const owner = (pid: number, command: string): DataDirOwner => ({
  pid,
  command,
  host: hostname(),
  since: '2026-01-01T00:00:00.000Z',
});

it('refuses a second owner of a directory at once, naming the holder and what to do', () => {
  const dir = join(root, 'a');
  const lock = acquireDataDirLock(dir);
  const refused = (() => {
    try {
      acquireDataDirLock(dir);
      return null;
    } catch (e) {
      return e;
    }
  })();
  expect(refused).toBeInstanceOf(DataDirBusyError);
  const message = (refused as Error).message;
  expect(message).toContain(`pid ${process.pid}`);
  const recorded = JSON.parse(readFileSync(lock.path, 'utf8')) as DataDirOwner;
  expect(message).toContain(`pid ${process.pid}：${recorded.command}`);
  expect(message).toContain('DATABASE_URL');
  expect(message).toContain('HTTP');
  lock.release();
  expect(existsSync(`${dir}.lock`)).toBe(false);
  acquireDataDirLock(dir).release();
});

it('takes over the lock of a process that is gone, or whose pid now runs something else', async () => {
  const dir = join(root, 'b');
  const gone = spawn(process.execPath, ['-e', '']);
  await new Promise((r) => gone.on('exit', r));
  writeFileSync(`${dir}.lock`, JSON.stringify(owner(gone.pid!, 'node bixue import')));
  acquireDataDirLock(dir).release();

  const sleeper = spawn('sleep', ['30']);
  children.push(sleeper);
  await new Promise((r) => sleeper.on('spawn', r));
  writeFileSync(`${dir}.lock`, JSON.stringify(owner(sleeper.pid!, 'node bixue import')));
  const lock = acquireDataDirLock(dir);
  expect((JSON.parse(readFileSync(lock.path, 'utf8')) as DataDirOwner).pid).toBe(process.pid);
  lock.release();

  // the same pid still running the recorded command holds it
  writeFileSync(`${dir}.lock`, JSON.stringify(owner(sleeper.pid!, 'sleep 30')));
  expect(() => acquireDataDirLock(dir)).toThrow(`pid ${sleeper.pid}：sleep 30`);
});

it('createDb holds the directory until close: a second open is refused and the first keeps working', async () => {
  const dir = join(root, 'c');
  const first = await createDb({ dataDir: dir });
  await expect(createDb({ dataDir: dir })).rejects.toBeInstanceOf(DataDirBusyError);
  const one = await sql<{ one: number }>`select 1::int as one`.execute(first.db);
  expect(one.rows).toEqual([{ one: 1 }]);
  await first.close();
  const again = await createDb({ dataDir: dir });
  await again.close();
  // a new directory is initialised and migrated: 36 s on a busy 2-core machine, so the suite's timeout, not 60 s
});
