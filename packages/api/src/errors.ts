import { TRPCError } from '@trpc/server';
import { z } from 'zod';

// the input checks' own words in the product's language: a missing field said "Invalid input:
// expected string, received undefined" inside a Chinese page
z.config(z.locales.zhCN());

/**
 * A failed input check as a person reads it, each problem with the field it is about
 * (`window：无效输入…；units.3：…`), not the issues' JSON dump that is a ZodError's message.
 */
export function inputProblems(e: z.ZodError): string {
  return e.issues.map((i) => (i.path.length ? `${i.path.join('.')}：${i.message}` : i.message)).join('；');
}

/** Bad input the caller can fix; the message says what and where. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

export class ForbiddenError extends Error {
  constructor(message = '无权访问该单位的数据') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotFoundError';
  }
}

/** The thing is busy or changed under the caller: try again later. */
export class ConflictError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConflictError';
  }
}

/** Maps service errors to tRPC codes so HTTP faces answer 400/403/404/409 instead of 500. */
export function toTRPCError(e: unknown): unknown {
  if (e instanceof TRPCError) return e;
  if (!(e instanceof Error)) return e;
  const code =
    e.name === 'ForbiddenError'
      ? 'FORBIDDEN'
      : e.name === 'NotFoundError'
        ? 'NOT_FOUND'
        : e.name === 'FactConflictError' ||
            e.name === 'CycleError' ||
            e.name === 'ConflictError' ||
            e.name === 'PendingUploadsFullError'
          ? 'CONFLICT'
          : e.name === 'InputError' || e.name === 'PeriodError' || e.name === 'UnitImportError' || e.name === 'ZodError'
            ? 'BAD_REQUEST'
            : null;
  const message = e instanceof z.ZodError ? inputProblems(e) : e.message;
  return code ? new TRPCError({ code, message, cause: e }) : e;
}
