import { ref } from 'vue';
import { api, csrfHeaders, setCsrfToken } from './trpc.ts';

type Me = Awaited<ReturnType<typeof api.session.me.query>>;

export const me = ref<Me>(null);

/** Today as the server sees it (a bureau PC's clock may be off by months), the browser's before sign-in. */
export function serverToday(): Date {
  return me.value ? new Date(`${me.value.today}T00:00:00Z`) : new Date();
}

export async function refreshSession(): Promise<Me> {
  me.value = await api.session.me.query();
  setCsrfToken(me.value?.csrfToken ?? null);
  return me.value;
}

/** ok, or why not: wrong credentials, or locked out for so many seconds after too many failures */
export type SignInResult = { ok: true } | { ok: false; retryAfterSeconds?: number };

export async function signIn(username: string, password: string): Promise<SignInResult> {
  const res = await fetch('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status === 429) {
    const body = (await res.json()) as { retryAfterSeconds?: number };
    return { ok: false, retryAfterSeconds: body.retryAfterSeconds };
  }
  if (!res.ok) return { ok: false };
  setCsrfToken(((await res.json()) as { csrfToken: string }).csrfToken);
  await refreshSession();
  return { ok: true };
}

export async function signOut(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST', headers: csrfHeaders() });
  setCsrfToken(null);
  me.value = null;
}
