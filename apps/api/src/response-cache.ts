import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import { answerStamp } from '@bixue/db';
import { calendarToday } from '@bixue/domain';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LRUCache } from 'lru-cache';

declare module 'fastify' {
  interface FastifyRequest {
    /** the ETag of a cacheable read, set in preHandler: its answer is stored under it */
    bixueCacheKey: string | null;
    /** the answer stamp, when it was read with the request's session (same database, one round trip) */
    bixueAnswerStamp: string | null;
    /** this request computes an answer others with the same key wait for: settle it once, with the answer or null */
    bixueLeads: ((answer: CachedAnswer | null) => void) | null;
  }
}

export interface CachedAnswer {
  body: Buffer | string;
  headers: Record<string, string>;
  /** the body gzipped, made the first time a client that takes gzip is sent it */
  gzip?: Buffer;
}

/** @fastify/compress's default: smaller bodies go as they are */
const GZIP_THRESHOLD = 1024;
/** bodies worth compressing: JSON, text, SVG — not PNGs or the Office files (zips already) */
const COMPRESSIBLE = /^(application\/(json|xml)|text\/|image\/svg\+xml)/;

/** What @fastify/compress is registered with (server.ts): gzip first, then deflate. */
export const COMPRESS_ENCODINGS: ('gzip' | 'deflate')[] = ['gzip', 'deflate'];

/**
 * Whether @fastify/compress would send this client gzip: its negotiator, its aliases (`*` and
 * `x-gzip` are gzip). A client that prefers deflate gets the body plain here, and compress deflates it.
 */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : header;
  if (value === undefined) return false;
  return negotiate(value.toLowerCase().replace(/\*|x-gzip/gu, 'gzip'), COMPRESS_ENCODINGS) === 'gzip';
}

const gzipped = promisify(gzip);
/** gzips under way, so viewers who ask for one answer at once wait for one compression */
const compressing = new WeakMap<CachedAnswer, Promise<Buffer>>();

/**
 * The answer's body gzipped for a client that takes gzip, made once per answer: a kept answer used
 * to be compressed again for each viewer (a 3 MB heatmap of 2,500 counties, tens of ms each), and
 * a room opening one overview compressed the same answer twenty times. Off the event loop, in
 * zlib's thread pool: a national heatmap's 15 MB took ≈ 0.2 s to compress, and every other
 * request waited for it. Null: send it as it is.
 */
export async function gzippedFor(req: Pick<FastifyRequest, 'headers'>, answer: CachedAnswer): Promise<Buffer | null> {
  if (
    Buffer.byteLength(answer.body) < GZIP_THRESHOLD ||
    !COMPRESSIBLE.test(answer.headers['content-type'] ?? '') ||
    !acceptsGzip(req.headers['accept-encoding'])
  )
    return null;
  if (answer.gzip) return answer.gzip;
  let made = compressing.get(answer);
  if (!made) {
    made = gzipped(answer.body).then((zipped) => (answer.gzip = zipped));
    compressing.set(answer, made);
  }
  return made;
}

/** Marks a reply as carrying a gzipped body (@fastify/compress leaves an encoded body alone). */
function asGzip(reply: FastifyReply, gzip: Buffer): Buffer {
  reply.header('content-encoding', 'gzip').header('vary', 'accept-encoding').header('content-length', gzip.length);
  return gzip;
}

/** Sends a kept answer; `grew` when its gzipped copy was made just now. */
async function sendAnswer(req: FastifyRequest, reply: FastifyReply, answer: CachedAnswer, grew: () => void) {
  reply.headers(answer.headers);
  const had = answer.gzip;
  const gzip = await gzippedFor(req, answer);
  if (!gzip) return reply.send(answer.body);
  if (!had) grew();
  return reply.send(asGzip(reply, gzip));
}

/** Headers a stored answer must be replayed with (exports name their file; /api answers what they were drawn from). */
const REPLAYED = [
  'content-type',
  'content-disposition',
  'x-bixue-data-version',
  'x-bixue-as-of',
  'x-bixue-unapproved',
] as const;

/**
 * Reads whose answer depends only on the URL, the viewer's scope and the province's data: the
 * /api and /export faces and tRPC GETs that call analytics procedures only.
 */
export function isCacheableRead(url: string): boolean {
  const path = url.split('?')[0]!;
  // a briefing is drawn from its caller's own basket, and two viewers of one role and scope have
  // two: kept, the second viewer downloaded the first one's briefing
  if (path.startsWith('/export/brief.')) return false;
  if (path.startsWith('/api/') || path.startsWith('/export/')) return true;
  const trpc = /^\/trpc\/(.+)$/.exec(path);
  return (
    !!trpc &&
    decodeURIComponent(trpc[1]!)
      .split(',')
      .every((p) => p.startsWith('analytics.'))
  );
}

/**
 * What an answer depends on besides the data, the question and the viewer: the day, as a question
 * without `today` is judged on the day it is in China (calendarToday): the live year's as-of month is the last
 * complete month before it (domain.md §5), and a window that has not begun is refused. A file
 * names the minute it was exported in its source line, so it is kept for that minute only.
 */
export function answerClock(url: string, now: Date): string {
  return url.startsWith('/export/') ? now.toISOString().slice(0, 16) : calendarToday(now).toISOString().slice(0, 10);
}

/**
 * ETags and a bounded in-process cache for analytics reads, keyed by (answer stamp of the data,
 * answerClock, viewer role and scope, URL). The stamp is read before the answer is
 * computed, and every write raises it in its own transaction, so a stored answer is never older
 * than its key says: a reader after a write gets a new key and a fresh answer.
 * Register before @fastify/compress, so answers are stored before they are compressed.
 */
export function registerResponseCache(app: FastifyInstance, bounds: CacheBounds): LRUCache<string, CachedAnswer> {
  const cache = answerCache(bounds);
  /**
   * Answers being computed, by key: a room opening one overview after a write asks the same
   * questions at once, and each used to compute its own answer (20 composite rankings where one
   * does). A request whose key is under way waits for that answer instead; when it ends without
   * one (an error, a client gone), the waiters compute their own.
   */
  const underWay = new Map<string, Promise<CachedAnswer | null>>();
  app.decorateRequest('bixueCacheKey', null);
  app.decorateRequest('bixueAnswerStamp', null);
  app.decorateRequest('bixueLeads', null);
  /** a kept answer that gained its gzipped copy is set again, so the byte bound counts both */
  const recount = (key: string, answer: CachedAnswer) => {
    if (cache.peek(key) === answer) cache.set(key, answer);
  };
  const settle = (req: FastifyRequest, answer: CachedAnswer | null) => {
    const leads = req.bixueLeads;
    req.bixueLeads = null;
    leads?.(answer);
  };
  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'GET' || !req.bixueSession || !isCacheableRead(req.url)) return;
    const p = req.bixueSession.principal;
    // from the database the answer is read from: a replica's stamp is as old as its data
    const stamp = req.bixueAnswerStamp ?? (await answerStamp(req.bixueDb));
    req.bixueAnswerStamp = stamp;
    const clock = answerClock(req.url, new Date());
    const etag = `"${createHash('sha256').update([stamp, clock, p.role, p.scopeUnitCode, req.url].join('\n')).digest('base64url')}"`;
    // private: answers are per viewer; no-cache: the browser asks every time, and gets 304s
    reply.header('etag', etag).header('cache-control', 'private, no-cache');
    if (req.headers['if-none-match'] === etag) return reply.code(304).send();
    // a leader that ended without an answer lets its waiters go one at a time: at most a few turns
    for (let turn = 0; turn < 3; turn++) {
      const hit = cache.get(etag);
      if (hit) return sendAnswer(req, reply, hit, () => recount(etag, hit));
      const running = underWay.get(etag);
      if (!running) break;
      const answer = await running;
      if (answer) return sendAnswer(req, reply, answer, () => recount(etag, answer));
    }
    req.bixueCacheKey = etag;
    if (!underWay.has(etag)) {
      const answer = new Promise<CachedAnswer | null>((resolve) => {
        req.bixueLeads = resolve;
      });
      underWay.set(etag, answer);
      void answer.then(() => {
        if (underWay.get(etag) === answer) underWay.delete(etag);
      });
    }
  });
  // every way a request ends: waiters never wait for one that is over
  app.addHook('onResponse', async (req) => settle(req, null));
  app.addHook('onRequestAbort', async (req) => settle(req, null));
  app.addHook('onSend', async (req, reply, payload) => {
    // tRPC's adapter sends a fetch Response, which Fastify unpacks only after the hooks: read it
    // here (an analytics answer is bounded) so it is kept like the /api faces' strings
    if (req.bixueCacheKey && payload instanceof Response) {
      if (payload.status !== 200) return payload;
      const body = Buffer.from(await payload.arrayBuffer());
      payload.headers.forEach((value, name) => {
        reply.header(name, value);
      });
      payload = body;
    }
    if (req.bixueCacheKey && reply.statusCode === 200 && (typeof payload === 'string' || Buffer.isBuffer(payload))) {
      const headers: Record<string, string> = {};
      for (const h of REPLAYED) {
        const v = reply.getHeader(h);
        if (typeof v === 'string') headers[h] = v;
      }
      const answer: CachedAnswer = { body: payload, headers };
      // kept and handed to the waiters first: they need not wait for this viewer's compression
      cache.set(req.bixueCacheKey, answer);
      settle(req, answer);
      const gzip = await gzippedFor(req, answer);
      // its gzipped copy counts against the byte bound
      if (gzip) recount(req.bixueCacheKey, answer);
      if (gzip) return asGzip(reply, gzip);
    }
    return payload;
  });
  return cache;
}

/** How much the answer cache may hold: answers, and bytes of their bodies. */
export interface CacheBounds {
  maxEntries: number;
  maxBytes: number;
}

/** Least recently used answers go first once either bound is reached; one answer larger than maxBytes is not kept. */
export function answerCache({ maxEntries, maxBytes }: CacheBounds): LRUCache<string, CachedAnswer> {
  return new LRUCache<string, CachedAnswer>({
    max: maxEntries,
    maxSize: maxBytes,
    maxEntrySize: maxBytes,
    sizeCalculation: (a) => Math.max(1, Buffer.byteLength(a.body) + (a.gzip?.length ?? 0)),
  });
}
