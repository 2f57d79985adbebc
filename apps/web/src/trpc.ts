import type { AppRouter } from '@bixue/api';
import { createTRPCClient, httpBatchLink, httpLink, splitLink } from '@trpc/client';

// the session's CSRF token: from /auth/login and session.me, sent with every call
let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

export function csrfHeaders(): Record<string, string> {
  return csrfToken ? { 'x-csrf-token': csrfToken } : {};
}

const fetchWithCookies: typeof fetch = (url, init) => fetch(url, { ...init, credentials: 'same-origin' });

/**
 * Analytics queries go one request each, so every card draws as soon as its own answer arrives
 * instead of waiting for the slowest of a batch, and each answer has its own ETag and cache
 * entry on the server. The rest (session, reference data, writes) and calls that ask for it
 * (`context: { batch: true }`: thirty small attainments) still go batched.
 */
export const api = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'query' && op.path.startsWith('analytics.') && op.context.batch !== true,
      true: httpLink({ url: '/trpc', headers: csrfHeaders, fetch: fetchWithCookies }),
      false: httpBatchLink({
        url: '/trpc',
        // long batches split into parallel requests instead of a 414
        maxURLLength: 2000,
        headers: csrfHeaders,
        fetch: fetchWithCookies,
      }),
    }),
  ],
});

/** The tRPC error code of a failed call (FORBIDDEN, NOT_FOUND, …), if it has one. */
export function errorCode(e: unknown): string | undefined {
  return (e as { data?: { code?: string } } | null)?.data?.code;
}
