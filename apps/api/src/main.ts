import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import { startWebhookDelivery } from '@bixue/api';
import { createDb, DataDirBusyError, prepareDatabase } from '@bixue/db';
import pino from 'pino';
import { readEnv } from './env.ts';
import { DEFAULT_RATE_LIMITS } from './rate-limits.ts';
import { buildServer, SERVER_LOGGER } from './server.ts';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const env = readEnv();
const handle = await createDb({
  url: env.DATABASE_URL,
  replicaUrls: env.DATABASE_REPLICA_URLS,
  dataDir: resolve(repoRoot, env.BIXUE_DATA),
}).catch((e: unknown) => {
  // another process owns the embedded database: its message says which and what to do
  if (!(e instanceof DataDirBusyError)) throw e;
  console.error(e.message);
  process.exit(1);
});
const { seededDemo, catalog } = await prepareDatabase(handle.db);
if (!seededDemo && (catalog.changed.length || catalog.added.length))
  console.log(
    `指标目录已更新 indicator catalog updated: ${[...catalog.added.map((c) => `+${c}`), ...catalog.changed].join(', ')}` +
      (catalog.reaggregated.length ? `; 已按新规则重算汇总 roll-ups rebuilt: ${catalog.reaggregated.join(', ')}` : ''),
  );
const app = await buildServer({
  handle,
  webDist: env.BIXUE_WEB_DIST ?? resolve(repoRoot, 'apps/web/dist'),
  // buffered: pino's default stdout wrote every line with a blocking write(2) on the event loop,
  // 0.12 ms of each request's two lines (a server CPU profile). pino writes what is buffered when
  // the process exits, an uncaught error included; a kill -9 loses the last lines
  logger: { ...SERVER_LOGGER, level: env.LOG_LEVEL, stream: pino.destination({ sync: false }) },
  trustProxy: env.BIXUE_TRUST_PROXY,
  rateLimits: { ...DEFAULT_RATE_LIMITS, perAddress: env.BIXUE_RATE_LIMIT ?? DEFAULT_RATE_LIMITS.perAddress },
});
const address = await app.listen({ port: env.PORT, host: env.HOST }).catch(async (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EADDRINUSE') throw e;
  // the usual first-run stumble (another bixue still running): say what to do, not a stack trace
  console.error(
    `端口 ${env.PORT} 已被占用：请先停止占用它的程序，或用 PORT=其他端口 pnpm start（port ${env.PORT} is in use; set PORT to another one）`,
  );
  await handle.close();
  process.exit(1);
});
// 催报 posts that failed are retried from the outbox while the server runs
const stopDelivery = startWebhookDelivery(handle.db);
const url = address.replace('127.0.0.1', 'localhost');
console.log(
  `bixue 比学赶超 ${url}  (${handle.kind}${seededDemo ? ', 已载入演示数据 demo data loaded' : ''}; 演示账号 admin / bixue-demo)`,
);

async function shutdown(): Promise<void> {
  stopDelivery();
  await app.close();
  await handle.close();
  process.exit(0);
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void shutdown());
