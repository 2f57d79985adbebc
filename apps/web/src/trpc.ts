import type { AppRouter } from '@bixue/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

// the session's CSRF token: from /auth/login and session.me, sent with every call
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

/** One batched link: every query a view fires in the same tick goes out as one request. */
export const api = createTRPCClient<AppRouter>({
  links: [
    httpBatchLink({
      url: '/trpc',
      // long batches (序时进度 asks for every indicator) split into parallel requests instead of a 414
      maxURLLength: 2000,
      headers: csrfHeaders,
      fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }),
    }),
  ],
});

/** The tRPC error code of a failed call (FORBIDDEN, NOT_FOUND, …), if it has one. */
export function errorCode(e: unknown): string | undefined {
  return (e as { data?: { code?: string } } | null)?.data?.code;
}
