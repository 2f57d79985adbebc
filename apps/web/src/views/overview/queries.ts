import { unpackHeatmap } from '@bixue/api/heatmap-packed';
import type { Period } from '@bixue/domain';
import type { LocationQuery } from 'vue-router';
import { viewStateOf } from '../../composables/use-view-state.ts';
import { defaultGroupFor } from '../../state/groups.ts';
import { api } from '../../trpc.ts';

export interface OverviewQueryState {
  window: Period;
  group: string | null;
  /** null: the composite */
  indicator: string | null;
  perMember: boolean;
  version: number | null;
}

/** The inputs of the overview's queries; null while no group is chosen: nothing to ask. */
export function overviewQueries(s: OverviewQueryState) {
  if (!s.group) return null;
  const base = { window: s.window.code, group: s.group, ...(s.version === null ? {} : { version: s.version }) };
  return {
    composite: { ...base, indicator: 'composite', perMember: s.perMember },
    byIndicator: s.indicator ? { ...base, indicator: s.indicator, perMember: s.perMember } : null,
    heatmap: base,
    completeness: base,
  };
}

/** Answers asked for before the overview mounted, by query and input; each is taken once. */
const early = new Map<string, Promise<unknown>>();

function takeEarly<I, T>(name: string, ask: (input: I) => Promise<T>): (input: I) => Promise<T> {
  return (input) => {
    const key = `${name}:${JSON.stringify(input)}`;
    const sent = early.get(key) as Promise<T> | undefined;
    early.delete(key);
    return sent ?? ask(input);
  };
}

export const overviewAsk = {
  ranking: takeEarly('ranking', (i: Parameters<typeof api.analytics.ranking.query>[0]) =>
    api.analytics.ranking.query(i),
  ),
  // as columns: a whole province's counties as objects took longer to parse than to draw
  heatmap: takeEarly('heatmap', async (i: Parameters<typeof api.analytics.heatmapPacked.query>[0]) =>
    unpackHeatmap(await api.analytics.heatmapPacked.query(i)),
  ),
  completeness: takeEarly('completeness', (i: Parameters<typeof api.analytics.completeness.query>[0]) =>
    api.analytics.completeness.query(i),
  ),
};

/**
 * Sends the overview's queries for a URL from the router's guard, once the session is known: on
 * a first load the answers travel while the page's code is still evaluated and mounted, instead
 * of leaving from the view's setup half a second later.
 */
export function prefetchOverview(query: LocationQuery): void {
  early.clear();
  const q = overviewQueries(viewStateOf(query, { group: (u) => defaultGroupFor('overview', u) }));
  if (!q) return;
  const send = <I>(name: string, input: I, ask: (i: I) => Promise<unknown>) => {
    const answer = ask(input);
    // a failure is the view's to show when it takes the answer; unclaimed, it is dropped
    answer.catch(() => null);
    early.set(`${name}:${JSON.stringify(input)}`, answer);
  };
  send('ranking', q.composite, overviewAsk.ranking);
  if (q.byIndicator) send('ranking', q.byIndicator, overviewAsk.ranking);
  send('heatmap', q.heatmap, overviewAsk.heatmap);
  send('completeness', q.completeness, overviewAsk.completeness);
}

/** Once the overview has taken its answers, or will not be shown: an unclaimed one would be stale by the next visit. */
export function dropEarlyAnswers(): void {
  early.clear();
}
