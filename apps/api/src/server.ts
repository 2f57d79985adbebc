import { randomUUID, timingSafeEqual } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import compress from '@fastify/compress';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import {
  type ApiContext,
  appRouter,
  INTERNAL_ERROR,
  login,
  logout,
  MAX_REPORT_BYTES,
  newReferenceCache,
  newTurn,
  resolveSession,
  type Session,
  SESSION_MAX_MS,
  TooManyAttemptsError,
} from '@bixue/api';
import { configPartOf, type DbHandle } from '@bixue/db';
import { type Said, saidOf } from '@bixue/domain';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify';
import helmet from 'helmet';
import { z } from 'zod';
import type { LRUCache } from 'lru-cache';
import { registerHttpFaces } from './http-faces.ts';
import { DEFAULT_RATE_LIMITS, type RateLimits, registerRateLimits } from './rate-limits.ts';
import {
  type CacheBounds,
  type CachedAnswer,
  COMPRESS_ENCODINGS,
  isCacheableRead,
  registerResponseCache,
} from './response-cache.ts';
import { errorBody, registerUploadRoutes } from './upload-routes.ts';

export const SESSION_COOKIE = 'bixue_session';

const MB = 1024 * 1024;
/** any request's body, but a work report's or an upload's (upload-routes.ts) */
const BODY_LIMIT = MB;
const REPORT_DECODE = '/trpc/reports.decode';
/** a work report as base64 in JSON: 4/3 of the file, and the file's name */
const REPORT_BODY_LIMIT = Math.ceil((MAX_REPORT_BYTES * 4) / 3) + 64 * 1024;
export const CSRF_HEADER = 'x-csrf-token';

/**
 * What the Vue/Element Plus/ECharts app needs and nothing more: its own scripts only; inline
 * styles because Element Plus and ECharts tooltips set style attributes; data:/blob: images for
 * icons and chart downloads. No upgrade-insecure-requests: intranet installs run on plain http.
 */
export const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'", 'data:'],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'self'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
    scriptSrcAttr: ["'none'"],
  },
};

declare module 'fastify' {
  interface FastifyRequest {
    /** the session of the request's cookie, resolved once in onRequest */
    bixueSession: Session | null;
    /** where this request reads and writes: the primary, or for a read a replica (DATABASE_REPLICA_URLS) */
    bixueDb: DbHandle['db'];
  }
  interface FastifyInstance {
    /** every /api/… and /export/… route, so tests can check each is a declared HTTP face */
    dataRoutes: string[];
    /** the answers kept for cacheable reads (response-cache.ts) */
    answerCache: LRUCache<string, CachedAnswer>;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export interface ServerOptions {
  handle: DbHandle;
  webDist?: string | undefined;
  /** off in tests; `pnpm start` logs with SERVER_LOGGER */
  logger?: FastifyServerOptions['logger'];
  /** behind a reverse proxy: whose X-Forwarded-For to believe (the client address the login limits count) */
  trustProxy?: FastifyServerOptions['trustProxy'];
  /** bounds of the in-process answer cache (response-cache.ts) */
  cache?: CacheBounds;
  /** requests per minute per client address (rate-limits.ts); BIXUE_RATE_LIMIT for `pnpm start` */
  rateLimits?: RateLimits;
}

/**
 * pino, one JSON line per request with its id; whatever could sign somebody in is never written
 * (Fastify's request serializer leaves out bodies and headers already; these paths cover errors
 * and custom log lines that carry a request).
 */
export const SERVER_LOGGER = {
  level: 'info',
  redact: {
    paths: [
      'req.headers.cookie',
      `req.headers["${'x-csrf-token'}"]`,
      'req.headers.authorization',
      'req.body.password',
      'body.password',
      'password',
      'res.headers["set-cookie"]',
    ],
    censor: '[redacted]',
  },
} satisfies FastifyServerOptions['logger'];

/** Data, exports and session answers are per user and change with every write: never kept by a browser or proxy. */
const PRIVATE_ROUTES = /^\/(trpc|api|export|auth|upload)\//;
const hasNul = (url: string) => url.includes('\0') || /%00/i.test(url);

const isJson = (text: string) => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

/** A national heatmap's JSON is ≈ 15 MB: room for a few of those beside many small answers. */
const DEFAULT_CACHE: CacheBounds = { maxEntries: 5000, maxBytes: 256 * 1024 * 1024 };

/** A NUL byte in a request: PostgreSQL cannot store one in text, and no form sends one. */
const HAS_NUL: Said = {
  zh: '请求中含有空字符（NUL），已拒绝',
  en: 'The request contains a NUL character and was refused',
};

const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

export async function buildServer({
  handle,
  webDist,
  logger = false,
  trustProxy = false,
  cache = DEFAULT_CACHE,
  rateLimits = DEFAULT_RATE_LIMITS,
}: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger,
    trustProxy,
    genReqId: () => randomUUID(),
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: 500 },
  });
  // before any route: routes keep the error handler that was in place when they were added
  app.setErrorHandler((err: { statusCode?: number; message?: string; code?: string }, req, reply) => {
    // no stack traces to clients; the log keeps them
    app.log.error(err);
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    // Fastify's own words are English: say it in both languages, with the limit that applies
    const said: Said =
      status === 500
        ? INTERNAL_ERROR
        : err.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
          ? req.url.startsWith(REPORT_DECODE)
            ? {
                zh: `工作报告文件超过 ${MAX_REPORT_BYTES / MB} MB 上限`,
                en: `The work report is larger than the ${MAX_REPORT_BYTES / MB} MB limit`,
              }
            : {
                zh: `请求内容超过 ${BODY_LIMIT / MB} MB 上限`,
                en: `The request is larger than the ${BODY_LIMIT / MB} MB limit`,
              }
          : { zh: err.message ?? '', en: err.message ?? '' };
    reply.code(status).send(errorBody(said));
  });
  // first of the onRequest hooks: a flood is refused before any session lookup
  const loginLimit = await registerRateLimits(app, rateLimits);
  await app.register(cookie);
  // helmet's headers from one middleware made here: @fastify/helmet made it again for every request,
  // its policy parsed anew each time — 0.15 ms of CPU of every answer, cached or not (a CPU profile
  // of the server under sequential cold rankings)
  const securityHeaders = helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY });
  app.addHook('onRequest', (req, reply, done) => securityHeaders(req.raw, reply.raw, () => done()));
  // before compress: its onSend hook must see the answers uncompressed
  app.decorate('answerCache', registerResponseCache(app, cache));
  // a national heatmap is ≈ 15 MB of JSON, ≈ 0.4 MB gzipped; gzip only: brotli's default level
  // costs seconds on replies that size
  await app.register(compress, { global: true, encodings: COMPRESS_ENCODINGS });

  app.decorateRequest('bixueSession', null);
  app.decorateRequest('bixueDb', null as unknown as DbHandle['db']);
  app.decorate('dataRoutes', [] as string[]);
  app.addHook('onRoute', (route) => {
    if (/^\/(api|export)\//.test(route.url)) app.dataRoutes.push(`${String(route.method)} ${route.url}`);
  });
  // malformed input is the caller's mistake (400), not a crash (500) nobody can read about
  app.addHook('onRequest', async (req, reply) => {
    if (hasNul(req.url)) return reply.code(400).send({ ...errorBody(HAS_NUL), code: 'BAD_REQUEST' });
    const input = req.url.startsWith('/trpc/') ? new URL(req.url, 'http://x').searchParams.get('input') : null;
    if (input !== null && !isJson(input))
      return reply.code(400).send({
        ...errorBody({ zh: '参数 input 不是合法的 JSON', en: 'The input parameter is not valid JSON' }),
        code: 'BAD_REQUEST',
      });
  });
  app.addHook('preValidation', async (req, reply) => {
    if (
      req.body &&
      typeof req.body === 'object' &&
      !Buffer.isBuffer(req.body) &&
      JSON.stringify(req.body).includes('\\u0000')
    )
      return reply.code(400).send({ ...errorBody(HAS_NUL), code: 'BAD_REQUEST' });
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (PRIVATE_ROUTES.test(req.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
  });
  app.addHook('onRequest', async (req, reply) => {
    req.bixueDb = handle.db;
    if (!PRIVATE_ROUTES.test(req.url)) return;
    // sessions slide (a write), so they are the primary's; a cacheable read of the primary
    // reads its answer stamp in the same round trip (response-cache.ts)
    const session = await resolveSession(handle.db, req.cookies[SESSION_COOKIE], undefined, {
      withAnswerStamp: !handle.reads && req.method === 'GET' && isCacheableRead(req.url),
    });
    req.bixueSession = session;
    req.bixueAnswerStamp = session?.answerStamp ?? null;
    const token = req.bixueSession ? req.cookies[SESSION_COOKIE]! : null;
    if (handle.reads && SAFE_METHODS.has(req.method)) req.bixueDb = await handle.reads.readerFor(token);
    // CSRF: with a session, every state-changing call must carry the session's token
    if (SAFE_METHODS.has(req.method) || req.url.split('?')[0] === '/auth/login' || !req.bixueSession) return;
    const sent = req.headers[CSRF_HEADER];
    if (typeof sent !== 'string' || !sameToken(sent, req.bixueSession.csrfToken))
      return reply.code(403).send({
        ...errorBody({
          zh: 'CSRF 校验失败，请刷新页面后重试',
          en: 'The request failed its CSRF check: reload the page and try again',
        }),
        code: 'CSRF',
      });
  });

  // before the reply leaves, so the session's next read already knows to wait for its write
  const { reads } = handle;
  if (reads)
    app.addHook('onSend', async (req) => {
      if (!SAFE_METHODS.has(req.method) && req.bixueSession) await reads.wrote(req.cookies[SESSION_COOKIE]!);
    });

  const referenceCache = newReferenceCache();
  const contextFor = async (req: FastifyRequest): Promise<ApiContext> => ({
    db: req.bixueDb,
    dbKind: handle.kind,
    principal: req.bixueSession?.principal ?? null,
    csrfToken: req.bixueSession?.csrfToken ?? null,
    reference:
      req.bixueAnswerStamp === null ? null : { stamp: configPartOf(req.bixueAnswerStamp), kept: referenceCache },
  });

  app.get('/healthz', async () => ({ ok: true, db: handle.kind }));

  app.post('/auth/login', async (req, reply) => {
    const body = loginBody.safeParse(req.body);
    if (!body.success)
      return reply.code(400).send(
        errorBody({
          zh: '请输入用户名（最多100字符）和密码（最多200字符）',
          en: 'Enter a user name (at most 100 characters) and a password (at most 200 characters)',
        }),
      );
    if (await loginLimit.refused(req, reply, body.data.username)) return reply;
    let result;
    try {
      result = await login(handle.db, body.data.username, body.data.password, { ip: req.ip });
    } catch (e) {
      if (!(e instanceof TooManyAttemptsError)) throw e;
      reply.header('retry-after', String(e.retryAfterSeconds));
      return reply.code(429).send({ ...errorBody(saidOf(e)), retryAfterSeconds: e.retryAfterSeconds });
    }
    if (!result) return reply.code(401).send(errorBody({ zh: '用户名或密码错误', en: 'Wrong user name or password' }));
    reply.setCookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: req.protocol === 'https',
      // the server slides the session; the cookie lives no longer than the session can
      maxAge: SESSION_MAX_MS / 1000,
    });
    return { username: result.principal.username, role: result.principal.role, csrfToken: result.csrfToken };
  });

  app.post('/auth/logout', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(handle.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  await registerUploadRoutes(app, contextFor);

  await app.register(async (trpc) => {
    // one route serves every procedure: it takes a work report's base64 (reports.decode, up to
    // MAX_REPORT_BYTES of file), and any other call is held to the server's 1 MB before its body
    // is read. Left at 1 MB, the 10 MB the report page promises ended at a 750 KB .docx
    trpc.addHook('onRoute', (route) => {
      route.bodyLimit = REPORT_BODY_LIMIT;
    });
    trpc.addHook('preParsing', async (req, _reply, payload) => {
      if (!req.url.startsWith(REPORT_DECODE) && Number(req.headers['content-length'] ?? 0) > BODY_LIMIT)
        throw Object.assign(new Error('body too large'), { code: 'FST_ERR_CTP_BODY_TOO_LARGE', statusCode: 413 });
      return payload;
    });
    await trpc.register(fastifyTRPCPlugin, {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        // a batch's calls take turns (trpc.ts inTurn); the route's 500-character path (maxParamLength)
        // already bounds how many there are, about 23 analytics calls
        createContext: async ({ req }) => ({ ...(await contextFor(req)), turn: newTurn() }),
        onError: ({ error, path }) => {
          if (error.code === 'INTERNAL_SERVER_ERROR') app.log.error({ err: error, path }, 'tRPC procedure failed');
        },
      } satisfies FastifyTRPCPluginOptions<typeof appRouter>['trpcOptions'],
    });
  });

  registerHttpFaces(app, contextFor);

  if (webDist && existsSync(join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: false,
      // Vite names every file under assets/ by its content hash: a browser keeps it without asking
      // again (a page load would otherwise revalidate some forty chunks, six at a time); a new
      // build is a new name, reached through index.html, which is always asked for
      setHeaders: (res, path) => {
        if (path.startsWith(join(webDist, 'assets/')))
          res.header('cache-control', 'public, max-age=31536000, immutable');
        else res.header('cache-control', 'no-cache');
      },
    });
    // client-side routes: any other GET that wants a page gets the app shell
    app.setNotFoundHandler((req, reply) => {
      const isPage = req.method === 'GET' && !/^\/(trpc|api|export|auth)\b/.test(req.url);
      if (isPage) return reply.sendFile('index.html');
      return reply.code(404).send({ error: 'not found' });
    });
  }

  return app;
}
