import { type ApiContext, createCaller } from '@bixue/api';
import type { Caller } from './context.ts';

/** The routers whose procedures only read: the ones a deck's charts call. */
const READ_ONLY = new Set(['analytics', 'units', 'catalog', 'session']);

/** JSON with keys sorted, so `{ window, group }` and `{ group, window }` are one question. */
function keyOf(path: readonly string[], input: unknown): string {
  const sorted = (v: unknown): unknown =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v)
            .filter(([, x]) => x !== undefined)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, x]) => [k, sorted(x)]),
        )
      : v;
  return `${path.join('.')} ${JSON.stringify(sorted(input) ?? null)}`;
}

/**
 * The procedures as the caller, each question answered once per caller: the charts of one deck
 * ask the same things (the heatmap and the status counts one heatmap, the heatmap's row order the
 * composite ranking, every chart the catalog), and each answer costs queries. Answers are kept
 * as promises, so charts drawn at the same time wait for one call; a refusal (401/403) is kept too
 * and said to every chart that asks. Only read-only routers are shared; the caller lives as long
 * as the deck, so nothing goes stale.
 */
export function sharedCaller(ctx: ApiContext): Caller {
  const answers = new Map<string, Promise<unknown>>();
  const wrap = (target: unknown, path: readonly string[]): unknown =>
    new Proxy(target as object, {
      get(t, key) {
        const v: unknown = Reflect.get(t, key);
        return typeof key === 'string' && (path.length > 0 || READ_ONLY.has(key)) ? wrap(v, [...path, key]) : v;
      },
      apply(t, self, args: unknown[]) {
        const key = keyOf(path, args[0]);
        let answer = answers.get(key);
        if (!answer) {
          answer = Reflect.apply(t as (...a: unknown[]) => Promise<unknown>, self, args);
          answers.set(key, answer);
        }
        return answer;
      },
    });
  return wrap(createCaller(ctx), []) as Caller;
}
