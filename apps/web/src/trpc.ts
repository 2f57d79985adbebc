import type { AppRouter } from '@bixue/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

/** One batched link: every query a view fires in the same tick goes out as one request. */
export const api = createTRPCClient<AppRouter>({
  links: [httpBatchLink({ url: '/trpc', fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }) })],
});
