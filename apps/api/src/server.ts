import { existsSync } from 'node:fs';
import { join } from 'node:path';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { type ApiContext, appRouter, login, logout, resolveSession, SESSION_TTL_MS } from '@bixue/api';
import type { DbHandle } from '@bixue/db';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { z } from 'zod';
import { registerHttpApi } from './http-api.ts';

export const SESSION_COOKIE = 'bixue_session';

export interface ServerOptions {
  handle: DbHandle;
  webDist?: string | undefined;
  logger?: boolean;
}

const loginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) });

export async function buildServer({ handle, webDist, logger = false }: ServerOptions): Promise<FastifyInstance> {
  const app = Fastify({ logger, bodyLimit: 1024 * 1024, routerOptions: { maxParamLength: 500 } });
  await app.register(cookie);

  const contextFor = async (req: FastifyRequest): Promise<ApiContext> => {
    const session = await resolveSession(handle.db, req.cookies[SESSION_COOKIE]);
    return { db: handle.db, dbKind: handle.kind, principal: session?.principal ?? null };
  };

  app.get('/healthz', async () => ({ ok: true, db: handle.kind }));

  app.post('/auth/login', async (req, reply) => {
    const body = loginBody.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: '请输入用户名和密码' });
    const result = await login(handle.db, body.data.username, body.data.password);
    if (!result) return reply.code(401).send({ error: '用户名或密码错误' });
    reply.setCookie(SESSION_COOKIE, result.token, {
      httpOnly: true,
      sameSite: 'strict',
      path: '/',
      secure: req.protocol === 'https',
      maxAge: SESSION_TTL_MS / 1000,
    });
    return { username: result.principal.username, role: result.principal.role, csrfToken: result.csrfToken };
  });

  app.post('/auth/logout', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await logout(handle.db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return { ok: true };
  });

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      createContext: ({ req }) => contextFor(req),
    } satisfies FastifyTRPCPluginOptions<typeof appRouter>['trpcOptions'],
  });

  registerHttpApi(app, contextFor);

  if (webDist && existsSync(join(webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: webDist, wildcard: false });
    // client-side routes: any other GET that wants a page gets the app shell
    app.setNotFoundHandler((req, reply) => {
      const isPage = req.method === 'GET' && !/^\/(trpc|api|export|auth)\b/.test(req.url);
      if (isPage) return reply.sendFile('index.html');
      return reply.code(404).send({ error: 'not found' });
    });
  }

  app.setErrorHandler((err: { statusCode?: number; message?: string }, _req, reply) => {
    // no stack traces to clients; the log keeps them
    app.log.error(err);
    const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 500;
    reply.code(status).send({ error: status === 500 ? '服务器内部错误' : err.message });
  });

  return app;
}
