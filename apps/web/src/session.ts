import { ref } from 'vue';
import { api } from './trpc.ts';

type Me = Awaited<ReturnType<typeof api.session.me.query>>;

export const me = ref<Me>(null);

export async function refreshSession(): Promise<Me> {
  me.value = await api.session.me.query();
  return me.value;
}

export async function signIn(username: string, password: string): Promise<boolean> {
  const res = await fetch('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!res.ok) return false;
  await refreshSession();
  return true;
}

export async function signOut(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST' });
  me.value = null;
}
