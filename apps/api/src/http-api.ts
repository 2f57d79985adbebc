import {
  type ApiContext,
  attainment,
  attainmentInput,
  ranking,
  rankingInput,
  rollup,
  rollupInput,
} from '@bixue/api';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';

const STATUS_BY_ERROR: Record<string, number> = {
  InputError: 400,
  PeriodError: 400,
  ZodError: 400,
  ForbiddenError: 403,
  NotFoundError: 404,
};

/** `?perMember=1|true` and friends: query strings carry text only. */
const flag = z
  .enum(['1', 'true', '0', 'false', ''])
  .optional()
  .transform((v) => v === '1' || v === 'true');

/**
 * The plain HTTP face of contracts.md (`GET /api/rollup|ranking|attainment`): the JSON of the
 * CLI command of the same name, from the same services, within the caller's scope.
 * No session → 401, outside the scope → 403, bad input → 400 naming the field.
 */
export function registerHttpApi(app: FastifyInstance, contextFor: (req: FastifyRequest) => Promise<ApiContext>): void {
  const handle =
    <S extends z.ZodType, R>(schema: S, call: (ctx: ApiContext, input: z.output<S>) => Promise<R>, shape: (r: R) => unknown) =>
    async (req: FastifyRequest, reply: FastifyReply) => {
      const ctx = await contextFor(req);
      if (!ctx.principal) return reply.code(401).send({ error: '请先登录' });
      const query = req.query as Record<string, string>;
      const parsed = schema.safeParse({ ...query, perMember: flag.parse(query.perMember ?? query['per-member']) });
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        return reply.code(400).send({ error: `${issue.path.join('.') || 'query'}: ${issue.message}`, field: issue.path.join('.') });
      }
      try {
        return shape(await call(ctx, parsed.data));
      } catch (e) {
        const status = e instanceof Error ? STATUS_BY_ERROR[e.name] : undefined;
        if (!status) throw e;
        return reply.code(status).send({ error: (e as Error).message });
      }
    };

  app.get(
    '/api/rollup',
    handle(rollupInput, rollup, (r) => ({ value: r.value, status: r.status, coverage: r.coverage })),
  );
  app.get(
    '/api/ranking',
    handle(rankingInput, ranking, (r) => r.entries.map((e) => ({ unit: e.unit, value: e.value, rank: e.rank, change: e.change }))),
  );
  app.get(
    '/api/attainment',
    handle(attainmentInput, attainment, (a) => ({
      actual: a.actual,
      target: a.target,
      proratedTarget: a.proratedTarget,
      attainment: a.attainment,
      status: a.status,
    })),
  );
}
