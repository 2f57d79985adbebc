import { type ApiContext, INTERNAL_ERROR, previewUpload, SIGN_IN, toTRPCError } from '@bixue/api';
import { PendingUploadsFullError } from '@bixue/db';
import { type Said, saidOf } from '@bixue/domain';
import { formatMb, IMPORT_LIMITS } from '@bixue/import';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { TRPCError } from '@trpc/server';
import type { ServerResponse } from 'node:http';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';

/** Aborts when the connection closes before the answer was written: nobody is waiting for the work any more. */
export function abortOnHangUp(res: ServerResponse): AbortSignal {
  const ac = new AbortController();
  res.once('close', () => {
    if (!res.writableEnded) ac.abort();
  });
  return ac.signal;
}

const query = z.object({ name: z.string().trim().min(1).max(200) });

/** An HTTP route's refusal: contracts.md's `error` (Chinese) and its English beside it for English pages. */
export function errorBody(said: Said): { error: string; errorEn: string } {
  return { error: said.zh, errorEn: said.en };
}

/**
 * POST /upload/import?name=FILE with the file as the raw body (no base64, no multipart): the
 * preview comes back with an uploadId, which tRPC's data.importCommit commits.
 */
export async function registerUploadRoutes(
  app: FastifyInstance,
  contextFor: (req: FastifyRequest) => Promise<ApiContext>,
): Promise<void> {
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: IMPORT_LIMITS.maxFileBytes }, (_req, body, done) =>
      done(null, body),
    );
    scope.setErrorHandler((err: { code?: string; statusCode?: number }, _req, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
        return reply.code(413).send({
          ...errorBody({
            zh: `文件超过 ${formatMb(IMPORT_LIMITS.maxFileBytes)} 上限`,
            en: `The file is larger than the ${formatMb(IMPORT_LIMITS.maxFileBytes)} limit`,
          }),
          code: 'file_too_large',
        });
      const mapped = toTRPCError(err);
      // the page says it in the reader's language from the code and the numbers
      const full =
        err instanceof PendingUploadsFullError ? { code: err.reason, pending: err.pending, limits: err.limits } : {};
      if (mapped instanceof TRPCError)
        return reply.code(getHTTPStatusCodeFromError(mapped)).send({ ...errorBody(saidOf(mapped)), ...full });
      scope.log.error(err);
      return reply.code(err.statusCode && err.statusCode < 500 ? err.statusCode : 500).send(errorBody(INTERNAL_ERROR));
    });
    scope.post('/upload/import', async (req, reply) => {
      const ctx = await contextFor(req);
      if (!ctx.principal) return reply.code(401).send(errorBody(SIGN_IN));
      const q = query.safeParse(req.query);
      if (!q.success)
        return reply
          .code(400)
          .send(errorBody({ zh: '缺少文件名参数 name', en: 'The file name parameter "name" is missing' }));
      const bytes = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
      return previewUpload(ctx, { bytes, fileName: q.data.name }, { signal: abortOnHangUp(reply.raw) });
    });
  });
}
