import {
  type ApiContext,
  appRouter,
  type AttainmentResult,
  attainmentJson,
  createCaller,
  type Ranking,
  rankingJson,
  rollupJson,
} from '@bixue/api';
import { whileWanted } from '@bixue/db';
import { type RollupValue, saidOf } from '@bixue/domain';
import {
  badInput,
  briefFile,
  briefItems,
  CHART_KINDS,
  type ChartKind,
  exportChart,
  type ExportFile,
} from '@bixue/export';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { abortOnHangUp, errorBody } from './upload-routes.ts';

/**
 * A plain HTTP endpoint (/api/…, /export/…) is a face of one tRPC procedure: it calls the
 * procedure with the request's context, so the procedure's declared scope applies unchanged,
 * and the HTTP security tests find every face here with its procedure's rules.
 */
export interface HttpFace {
  method?: 'GET';
  url: string;
  /** the procedure's path in appRouter, e.g. `units.get` */
  procedure: string;
  /** the procedure's input; default: the query string (and route parameters) as they are */
  input?: (req: FastifyRequest) => unknown;
  /** turns the result into the reply; default: JSON */
  send?: (result: unknown, reply: FastifyReply) => unknown;
  /**
   * Instead of one plain call, for faces that make a file of the result (exports): it must read
   * through `procedure` by the tRPC caller with this context, so that procedure's scope applies.
   */
  run?: (ctx: ApiContext, req: FastifyRequest, reply: FastifyReply, signal: AbortSignal) => Promise<unknown>;
}

/** Query strings carry text only: `perMember=1|true` becomes the boolean the procedure takes. */
function analyticsQuery(req: FastifyRequest): Record<string, unknown> {
  const { perMember, 'per-member': dashed, ...rest } = req.query as Record<string, string | undefined>;
  const flag = perMember ?? dashed;
  return flag === undefined ? rest : { ...rest, perMember: flag === '1' || flag === 'true' };
}

/**
 * What an /api answer was drawn from (domain.md §9), beside the contract's JSON (a ranking is a
 * bare array): `X-Bixue-Data-Version: 123` (ask again with `version=123` for the same answer),
 * `X-Bixue-As-Of: 2026-09`, and `X-Bixue-Unapproved: 1` when drafts were counted.
 */
function drawnFrom(reply: FastifyReply, r: unknown): FastifyReply {
  const a = r as { dataVersion?: number; asOf?: string; unapproved?: boolean };
  if (a.dataVersion !== undefined) reply.header('x-bixue-data-version', String(a.dataVersion));
  if (a.asOf !== undefined) reply.header('x-bixue-as-of', a.asOf);
  if (a.unapproved) reply.header('x-bixue-unapproved', '1');
  return reply;
}

/** RFC 6266/5987: an ASCII name for old clients, the Chinese title for everyone else. */
export function contentDisposition(filename: string, fallback: string): string {
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

function sendFile(reply: FastifyReply, file: ExportFile, fallback: string): FastifyReply {
  return reply
    .header('content-type', file.contentType)
    .header('content-disposition', contentDisposition(file.filename, fallback))
    .send(file.bytes);
}

/** The analytics procedure each chart reads (and whose scope its file is under). */
const EXPORT_PROCEDURES: Record<ChartKind, string> = {
  ranking: 'analytics.ranking',
  trend: 'analytics.trend',
  benchmark: 'analytics.benchmark',
  heatmap: 'analytics.heatmap',
  composite: 'analytics.composite',
  gaps: 'analytics.attainment',
  'status-counts': 'analytics.heatmap',
  movers: 'analytics.ranking',
  completeness: 'analytics.completeness',
  multiples: 'analytics.trends',
};

/** contracts.md: `GET /export/{chart}.{format}?unit=&indicator=&window=&group=&size=`, the CLI export's file. */
const EXPORT_FACES: HttpFace[] = CHART_KINDS.map((chart) => ({
  url: `/export/${chart}.:format`,
  procedure: EXPORT_PROCEDURES[chart],
  run: async (ctx, req, reply, signal) => {
    const { format } = req.params as { format: string };
    const file = await exportChart(
      ctx,
      { ...(req.query as Record<string, string>), chart, format },
      new Date(),
      signal,
    );
    return sendFile(reply, file, `${chart}.${format}`);
  },
}));

/**
 * The signed-in user's briefing basket as one file: `GET /export/brief.{pptx|docx|zip}?lang=`.
 * Each item is drawn through its analytics procedure as the caller, so scope is checked again.
 */
const BRIEF_FACE: HttpFace = {
  url: '/export/brief.:format',
  procedure: 'basket.list',
  run: async (ctx, req, reply, signal) => {
    const { format } = req.params as { format: string };
    const { lang, ...other } = req.query as Record<string, string | undefined>;
    // the session first (401), then the query: the basket says what to draw, any other parameter is a mistake
    const basket = await createCaller(ctx).basket.list();
    const [extra] = Object.keys(other);
    if (extra !== undefined)
      throw badInput(extra, {
        zh: '简报下载只接受 lang 参数（zh 或 en）',
        en: 'a briefing download takes only the lang parameter (zh or en)',
      });
    const file = await briefFile(ctx, { items: briefItems(basket), format, lang }, new Date(), signal);
    return sendFile(reply, file, `brief.${format}`);
  },
};

/** `/api/<name>` answers `analytics.<name>` as the CLI's JSON, saying in its headers what it was drawn from. */
function analyticsFace<T>(name: string, json: (r: T) => unknown): HttpFace {
  return {
    url: `/api/${name}`,
    procedure: `analytics.${name}`,
    input: analyticsQuery,
    send: (r, reply) => {
      drawnFrom(reply, r);
      return json(r as T);
    },
  };
}

/** contracts.md: the JSON of the CLI command of the same name. */
export const HTTP_FACES: HttpFace[] = [
  { url: '/api/unit', procedure: 'units.get' },
  analyticsFace('rollup', (r: RollupValue) => rollupJson(r)),
  analyticsFace('ranking', (r: Ranking) => rankingJson(r)),
  analyticsFace('attainment', (r: AttainmentResult) => attainmentJson(r)),
  ...EXPORT_FACES,
  BRIEF_FACE,
];

type Callable = (input: unknown) => Promise<unknown>;

function procedureOf(ctx: ApiContext, path: string, signal: AbortSignal): Callable {
  let target: unknown = createCaller(ctx, { signal });
  for (const part of path.split('.')) target = (target as Record<string, unknown>)[part];
  return target as Callable;
}

export function registerHttpFaces(
  app: FastifyInstance,
  contextFor: (req: FastifyRequest) => Promise<ApiContext>,
  faces = HTTP_FACES,
): void {
  for (const face of faces) {
    const answer = async (ctx: ApiContext, req: FastifyRequest, reply: FastifyReply, signal: AbortSignal) => {
      // every face serves data: without a session the answer is 401 before any input is read,
      // so a caller learns nothing, not even which parameter a file export would refuse
      if (!ctx.principal) throw new TRPCError({ code: 'UNAUTHORIZED', message: '请先登录' });
      if (face.run) return await face.run(ctx, req, reply, signal);
      const input = face.input ? face.input(req) : { ...(req.query as object), ...(req.params as object) };
      const result = await procedureOf(ctx, face.procedure, signal)(input);
      return face.send ? face.send(result, reply) : result;
    };
    if (!(face.procedure in appRouter._def.procedures))
      throw new Error(`HTTP face ${face.url} for unknown procedure ${face.procedure}`);
    app.route({
      method: face.method ?? 'GET',
      url: face.url,
      handler: async (req, reply) => {
        const ctx = await contextFor(req);
        // a client that hangs up stops its work: a file's drawing (seconds of CPU), and every
        // statement of it, through whileWanted (a running one cancelled on PostgreSQL)
        const signal = abortOnHangUp(reply.raw);
        try {
          return await whileWanted(signal, () => answer(ctx, req, reply, signal));
        } catch (e) {
          // the client went away and its file was left undrawn: nobody to answer, nothing went wrong
          if (signal.aborted) {
            req.log.info({ url: req.url }, 'export abandoned by its client');
            return reply.code(499).send();
          }
          if (!(e instanceof TRPCError) || e.code === 'INTERNAL_SERVER_ERROR') throw e;
          return reply.code(getHTTPStatusCodeFromError(e)).send({ ...errorBody(saidOf(e)), code: e.code });
        }
      },
    });
  }
}
