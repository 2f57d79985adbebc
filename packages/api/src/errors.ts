import { TRPCError } from '@trpc/server';
import { issueSaid, type Said, SaidError } from '@bixue/domain';
import { z } from 'zod';

// the input checks' own words in the product's language: a missing field said "Invalid input:
// expected string, received undefined" inside a Chinese page
z.config(z.locales.zhCN());

/**
 * A failed input check as a person reads it, each problem with the field it is about
 * (`window：无效输入…；units.3：…`), not the issues' JSON dump that is a ZodError's message. The
 * English is zod's English for the same issues (the Chinese is what the schemas were checked in).
 */
export function inputProblems(e: z.ZodError): Said {
  const said = e.issues.map((i) => ({ field: i.path.join('.'), ...issueSaid(i) }));
  return {
    zh: said.map((i) => (i.field ? `${i.field}：${i.zh}` : i.zh)).join('；'),
    en: said.map((i) => (i.field ? `${i.field}: ${i.en}` : i.en)).join('; '),
  };
}

/** Bad input the caller can fix; the message says what and where. */
export class InputError extends SaidError {
  constructor(
    said: Said,
    readonly field?: string,
  ) {
    super(said);
    this.name = 'InputError';
  }
}

export class ForbiddenError extends SaidError {
  constructor(said: Said = { zh: '无权访问该单位的数据', en: "This unit's data is outside your scope" }) {
    super(said);
    this.name = 'ForbiddenError';
  }
}

export class NotFoundError extends SaidError {
  constructor(said: Said) {
    super(said);
    this.name = 'NotFoundError';
  }
}

/** The thing is busy or changed under the caller: try again later. */
export class ConflictError extends SaidError {
  constructor(said: Said) {
    super(said);
    this.name = 'ConflictError';
  }
}

/** A tRPC error with its English beside it (tRPC's own codes: sign-in, timeouts, cancellations). */
export function refusal(code: TRPCError['code'], said: Said, cause?: unknown): TRPCError {
  return Object.assign(new TRPCError({ code, message: said.zh, cause }), { messageEn: said.en });
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
  if (!code) return e;
  if (e instanceof z.ZodError) return refusal(code, inputProblems(e), e);
  return new TRPCError({ code, message: e.message, cause: e });
}
