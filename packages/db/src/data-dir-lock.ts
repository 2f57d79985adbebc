import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { dirname, resolve } from 'node:path';

/**
 * One process per PGlite data directory. PGlite is PostgreSQL in WASM without a postmaster: two
 * processes opening one directory each believe they own it, and their writes interleave into
 * duplicated primary keys and a directory that no longer opens. So whoever opens a directory
 * first writes `<dir>.lock` (created exclusively, O_EXCL) naming itself, and everybody else is
 * refused at once with that name and what to do instead. A lock whose process is gone (killed,
 * crashed, the machine rebooted) is taken over.
 */
export interface DataDirOwner {
  pid: number;
  command: string;
  host: string;
  since: string;
}

export class DataDirBusyError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataDirOwner,
  ) {
    super(
      `数据目录 ${dataDir} 正由另一个 bixue 进程使用（pid ${owner.pid}：${owner.command}，自 ${owner.since}）。` +
        `嵌入式数据库同一时间只能由一个进程打开：请通过正在运行的服务器（网页或 HTTP 接口）操作，` +
        `或先停止该进程（kill ${owner.pid}），或设置 DATABASE_URL 改用 PostgreSQL 服务器。` +
        ` / The data directory ${dataDir} is in use by another bixue process (pid ${owner.pid}: ${owner.command}, ` +
        `since ${owner.since}); use the running server's web app or HTTP API, stop that process, or set DATABASE_URL.`,
    );
    this.name = 'DataDirBusyError';
  }
}

export interface DataDirLock {
  path: string;
  release(): void;
}

/** The command line of a live process, or null if there is none with that pid (or it cannot be read). */
function liveCommand(pid: number): string | null | undefined {
  try {
    process.kill(pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return null;
  }
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    // alive, but no /proc to compare with (not Linux): trust the pid
    return undefined;
  }
}

/** A recorded owner still holds the lock when its pid lives on this machine and still runs the same command. */
function holds(owner: DataDirOwner): boolean {
  if (owner.host !== hostname()) return true; // another machine on a shared disk: we cannot tell, so never steal
  const live = liveCommand(owner.pid);
  if (live === null) return false;
  return live === undefined || live === owner.command;
}

const readText = (path: string): string | null => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
};

function parseOwner(text: string | null): DataDirOwner | null {
  try {
    return text ? (JSON.parse(text) as DataDirOwner) : null;
  } catch {
    return null; // half-written by a process killed while creating it
  }
}

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  const path = `${dir}.lock`;
  mkdirSync(dirname(path), { recursive: true });
  // recorded as /proc shows it, so a later liveness check compares like with like
  const command = liveCommand(process.pid) ?? process.argv.join(' ');
  const me: DataDirOwner = {
    pid: process.pid,
    command,
    host: hostname(),
    since: new Date().toISOString(),
  };
  const body = JSON.stringify(me);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, 'wx');
      try {
        writeSync(fd, body);
      } finally {
        closeSync(fd);
      }
      return lockHandle(path, body);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const seen = readText(path);
    const owner = parseOwner(seen);
    if (owner && holds(owner)) throw new DataDirBusyError(dir, owner);
    // stale: move it aside atomically and try to create ours again. Two takers at once: the second
    // may have moved the first one's fresh lock; it sees that by the content and puts it back.
    const moved = `${path}.stale-${process.pid}`;
    try {
      renameSync(path, moved);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw e;
    }
    if (readText(moved) !== seen)
      try {
        linkSync(moved, path);
      } catch {
        // a third process holds it by now; it will be the owner we name
      }
    unlinkSync(moved);
  }
  const owner = parseOwner(readText(path));
  if (owner) throw new DataDirBusyError(dir, owner);
  throw new Error(`无法锁定数据目录 ${dir}（${path}）`);
}

function lockHandle(path: string, body: string): DataDirLock {
  let held = true;
  const release = () => {
    if (!held) return;
    held = false;
    process.off('exit', release);
    // only our own lock: never remove one another process has taken over since
    try {
      if (readFileSync(path, 'utf8') === body) unlinkSync(path);
    } catch {
      // already gone
    }
  };
  // a process that ends without closing (process.exit, an uncaught error) still lets go
  process.on('exit', release);
  return { path, release };
}
