import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { DbHandle } from '@bixue/db';
import { openSeededTestDb } from '@bixue/db/testing';
import { buildServer } from '@bixue/server';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const OUTPUT_DIR = fileURLToPath(new URL('../../output/', import.meta.url));
mkdirSync(OUTPUT_DIR, { recursive: true });

export interface RunningApp {
  url: string;
  handle: DbHandle;
  close(): Promise<void>;
}

/** The real server with the built web app, on an in-memory demo database, on a free port. */
export async function startApp(): Promise<RunningApp> {
  const handle = await openSeededTestDb('pglite', 'demo');
  const app = await buildServer({ handle, webDist: `${REPO_ROOT}apps/web/dist` });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    handle,
    async close() {
      await app.close();
      await handle.close();
    },
  };
}
