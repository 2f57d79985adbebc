import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

const run = promisify(execFile);

/** A PostgreSQL primary and one streaming replica of it, in a temporary directory, on loopback ports. */
export interface StreamingPair {
  primaryUrl: string;
  replicaUrl: string;
  /** Runs `statement` on the replica as its superuser (pause or resume replay). */
  onReplica: (statement: string) => Promise<void>;
  /** Until the replica has replayed everything the primary has written so far. */
  caughtUp: () => Promise<void>;
  /** A fast shutdown of the replica: its connections are ended, the primary keeps running. */
  stopReplica: () => Promise<void>;
  /** Both servers stopped and their files gone; safe to call twice. */
  stop: () => Promise<void>;
}

/** Debian's newest server binaries (initdb, pg_ctl, pg_basebackup). */
function postgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (versions.length === 0)
    throw new Error('PostgreSQL server binaries not found under /usr/lib/postgresql (apt-get install postgresql)');
  return join(root, versions[0]!, 'bin');
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** initdb refuses root: as root (CI), the servers run as the `postgres` user that Debian's package creates. */
const asRoot = () => process.getuid?.() === 0;

/** Kills a server by its postmaster.pid, without waiting: for exits and failures. */
function killNow(dataDir: string): void {
  try {
    const pid = Number(readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
    if (pid > 0) process.kill(pid, 'SIGQUIT');
  } catch {
    // not running
  }
}

/**
 * Starts a primary and a streaming replica made with `pg_basebackup -R`, for tests of reading
 * from replicas. Both are killed when the process exits, whatever the test did.
 */
export async function startStreamingPair(): Promise<StreamingPair> {
  const bin = postgresBin();
  const root = mkdtempSync(join(tmpdir(), 'bixue-replica-'));
  const primaryDir = join(root, 'primary');
  const replicaDir = join(root, 'replica');
  const pgUser = asRoot() ? 'postgres' : userInfo().username;
  if (asRoot()) {
    const { stdout } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(root, Number(stdout.trim()), Number(gid.trim()));
  }
  const pgRun = (tool: string, args: string[]) =>
    asRoot()
      ? run('runuser', ['-u', 'postgres', '--', join(bin, tool), ...args], { cwd: root })
      : run(join(bin, tool), args, { cwd: root });
  const killBoth = () => {
    killNow(replicaDir);
    killNow(primaryDir);
  };
  process.once('exit', killBoth);

  const [primaryPort, replicaPort] = [await freePort(), await freePort()];
  // speed over durability: a test cluster that lives for seconds
  const serverOptions = (port: number) =>
    `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c shared_buffers=16MB`;
  const start = (dir: string, port: number) =>
    pgRun('pg_ctl', ['-D', dir, '-o', serverOptions(port), '-l', `${dir}.log`, '-w', '-t', '60', 'start']);
  const url = (port: number) => `postgresql://${pgUser}@127.0.0.1:${port}/postgres`;
  const stopServer = (dir: string, mode: string) =>
    pgRun('pg_ctl', ['-D', dir, '-m', mode, '-w', 'stop']).then(
      () => undefined,
      () => undefined,
    );
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await stopServer(replicaDir, 'immediate');
    await stopServer(primaryDir, 'immediate');
    killBoth();
    process.removeListener('exit', killBoth);
    rmSync(root, { recursive: true, force: true });
  };
  const query = async (port: number, statement: string) => {
    const c = new pg.Client({ connectionString: url(port) });
    await c.connect();
    try {
      return (await c.query<Record<string, unknown>>(statement)).rows;
    } finally {
      await c.end();
    }
  };

  try {
    await pgRun('initdb', [
      '-D',
      primaryDir,
      '-U',
      pgUser,
      '--auth=trust',
      '--no-sync',
      '-E',
      'UTF8',
      '--locale=C.UTF-8',
    ]);
    await start(primaryDir, primaryPort);
    await pgRun('pg_basebackup', [
      ...['-h', '127.0.0.1', '-p', String(primaryPort), '-U', pgUser],
      ...['-D', replicaDir, '-R', '-X', 'stream', '-c', 'fast', '--no-sync'],
    ]);
    await start(replicaDir, replicaPort);
  } catch (e) {
    const logs = ['primary.log', 'replica.log']
      .map((f) => join(root, f))
      .filter(existsSync)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    await stop();
    throw new Error(`could not start the primary and its replica: ${(e as Error).message}\n${logs}`, { cause: e });
  }

  return {
    primaryUrl: url(primaryPort),
    replicaUrl: url(replicaPort),
    onReplica: async (statement) => {
      await query(replicaPort, statement);
    },
    caughtUp: async () => {
      // the insert position, as the app's routing does: with synchronous_commit off the last commit
      // can lie past pg_current_wal_lsn() (the write position), and waiting for that missed it
      const [{ lsn }] = (await query(primaryPort, 'select pg_current_wal_insert_lsn()::text as lsn')) as [
        { lsn: string },
      ];
      for (let i = 0; i < 300; i++) {
        const [{ ok }] = (await query(replicaPort, `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as ok`)) as [
          { ok: boolean },
        ];
        if (ok) return;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the replica did not replay up to ${lsn} within 30 s`);
    },
    stopReplica: () => stopServer(replicaDir, 'fast'),
    stop,
  };
}
