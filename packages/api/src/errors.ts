import { TRPCError } from '@trpc/server';

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
        : e.name === 'FactConflictError' || e.name === 'CycleError' || e.name === 'ConflictError'
          ? 'CONFLICT'
          : e.name === 'InputError' || e.name === 'PeriodError' || e.name === 'UnitImportError' || e.name === 'ZodError'
            ? 'BAD_REQUEST'
            : null;
  return code ? new TRPCError({ code, message: e.message, cause: e }) : e;
}
