import type { AppRouter } from '@bixue/api';
import { createTRPCClient, httpBatchLink } from '@trpc/client';

/** One batched link: every query a view fires in the same tick goes out as one request. */
export const api = createTRPCClient<AppRouter>({
  // long batches (序时进度 asks for every indicator) split into parallel requests instead of a 414
  links: [httpBatchLink({ url: '/trpc', maxURLLength: 2000, fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }) })],
});
