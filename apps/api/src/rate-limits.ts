import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './upload-routes.ts';

/**
 * Requests per minute, counted in this process by client address (`req.ip`, which honours
 * `trustProxy`). They sit in front of the login lockout (services/auth.ts), not instead of it: the
 * lockout is counted in the database and holds across processes; these are cheap and refuse a
 * burst before it costs an argon2 verification or a database row. 0 turns a limit off.
 */
export interface RateLimits {
  /** any request from one address except /healthz: generous, a bureau's whole office may share one address */
  perAddress: number;
  /** login attempts for one user name from one address: a burst against one account */
  loginPerUser: number;
  /** login attempts from one address, whatever the user names: a burst spraying names */
  loginPerAddress: number;
}

/**
 * A dashboard page is ≈ 40 requests (scripts, one tRPC call per card); 3000 a minute is 75 such
 * pages from one address, an office of people working at once. A person signs in a few times a
 * day: 10 a minute for one name only stops scripts, and an office behind one address still has
 * 60 sign-ins a minute for its different names.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = { perAddress: 3000, loginPerUser: 10, loginPerAddress: 60 };

const WINDOW_MS = 60_000;

/** What a refused request gets: the same shape as the lockout's 429, with a code to tell them apart. */
function refuse(reply: FastifyReply, ttlMs: number): FastifyReply {
  const seconds = Math.max(1, Math.ceil(ttlMs / 1000));
  return reply
    .code(429)
    .header('retry-after', String(seconds))
    .send({
      ...errorBody({
        zh: `请求过于频繁，请 ${seconds} 秒后再试`,
        en: `Too many requests: try again in ${seconds} s`,
      }),
      code: 'RATE_LIMITED',
      retryAfterSeconds: seconds,
    });
}

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

/** Counts the request against a limiter; true when it is over and the reply was sent. */
async function over(limiter: Limiter | null, req: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (!limiter) return false;
  const r = await limiter(req);
  if (r.isAllowed || !r.isExceeded) return false;
  refuse(reply, r.ttl);
  return true;
}

export interface LoginLimit {
  /** true when this sign-in attempt is over a limit: the 429 has been sent, do nothing more */
  refused(req: FastifyRequest, reply: FastifyReply, username: string): Promise<boolean>;
}

/**
 * Registers the per-address limit as the first onRequest hook, before the session is looked up,
 * so a flood costs no database work; returns the login limits, which need the user name from the
 * parsed body. Call before any other onRequest hook.
 */
export async function registerRateLimits(app: FastifyInstance, limits: RateLimits): Promise<LoginLimit> {
  // the plugin only provides the counters: each limit is applied where it belongs, below
  await app.register(rateLimit, { global: false });
  const limiter = (max: number, keyGenerator: (req: FastifyRequest) => string) =>
    max > 0 ? app.createRateLimit({ max, timeWindow: WINDOW_MS, keyGenerator }) : null;

  const perAddress = limiter(limits.perAddress, (req) => req.ip);
  app.addHook('onRequest', async (req, reply) => {
    // health checks come from the load balancer's address, many a second
    if (req.url === '/healthz') return;
    if (await over(perAddress, req, reply)) return reply;
  });

  const loginPerAddress = limiter(limits.loginPerAddress, (req) => `login|${req.ip}`);
  // the user name comes from the parsed body, not the request: kept beside the request for the key
  const names = new WeakMap<FastifyRequest, string>();
  // user names are unique case-insensitively: Admin and admin are one account to guess at
  const loginPerUser = limiter(limits.loginPerUser, (req) => `login|${req.ip}|${names.get(req) ?? ''}`);
  return {
    async refused(req, reply, username) {
      names.set(req, username.toLowerCase());
      return (await over(loginPerUser, req, reply)) || (await over(loginPerAddress, req, reply));
    },
  };
}
