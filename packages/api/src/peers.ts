/**
 * How other units are named to a caller: in every chart, table and export that lists peers, the
 * same unit gets the same label for the same viewer. Units in the caller's scope keep their names;
 * peers outside it are 同级单位A, B, … for reporters always, and for analysts and city leaders when
 * the province setting `anonymise_peers` is on. Reporters see only their own rows.
 */
import { createHash } from 'node:crypto';
import { getSettings } from '@bixue/db';
import { peerLetters } from '@bixue/domain';
import type { ApiContext, Principal } from './context.ts';
import { inScope, requirePrincipal } from './scope.ts';

export interface NamedUnit {
  code: string;
  name: string;
  shortName?: string;
}

export interface Anonymiser {
  /** true when names of peers outside the caller's scope are hidden */
  readonly hidesPeers: boolean;
  /** the full name, or 同级单位X / Peer X */
  label(unit: NamedUnit, locale?: 'zh' | 'en'): string;
  /** the short name (云川市), or the same anonymous label */
  shortLabel(unit: NamedUnit, locale?: 'zh' | 'en'): string;
  /** the rows the caller may see at all: a reporter only its own */
  visibleRows<T>(rows: readonly T[], codeOf: (row: T) => string): T[];
}

/**
 * The letters follow a per-viewer hash, not the unit codes, so the order of the letters does not
 * give the peers away; they are stable, so 同级单位C is the same unit in every chart and export.
 */
function orderKey(p: Principal, code: string): string {
  return createHash('sha256').update(`${p.scopeUnitCode}:${code}`).digest('hex');
}

async function buildAnonymiser(ctx: ApiContext): Promise<Anonymiser> {
  const p = requirePrincipal(ctx);
  const hidesPeers =
    p.role === 'reporter' || (p.role !== 'admin' && (await getSettings(ctx.db, p.provinceCode)).anonymise_peers);
  // names shown as they are: no letters to deal, so the province's units are not read
  const units =
    p.provinceCode === '*' || !hidesPeers
      ? []
      : await ctx.db
          .selectFrom('units')
          .select(['code', 'path', 'level'])
          .where('province_code', '=', p.provinceCode)
          .execute();
  const own = new Set(units.filter((u) => inScope(p, u)).map((u) => u.code));
  // read only where peers are hidden (a reporter always): there the units are loaded
  const isOwn = (code: string) => p.provinceCode === '*' || own.has(code);

  const letters = new Map<string, string>();
  for (const level of new Set(units.map((u) => u.level))) {
    units
      .filter((u) => u.level === level && !own.has(u.code))
      .map((u) => ({ code: u.code, key: orderKey(p, u.code) }))
      .sort((a, b) => (a.key < b.key ? -1 : 1))
      .forEach((u, i) => letters.set(u.code, peerLetters(i)));
  }
  const anonymous = (code: string, locale: 'zh' | 'en') => {
    const l = letters.get(code) ?? '?';
    return locale === 'en' ? `Peer ${l}` : `同级单位${l}`;
  };
  const hide = (code: string) => hidesPeers && !isOwn(code);

  return {
    hidesPeers,
    label: (u, locale = 'zh') => (hide(u.code) ? anonymous(u.code, locale) : u.name),
    shortLabel: (u, locale = 'zh') => (hide(u.code) ? anonymous(u.code, locale) : (u.shortName ?? u.name)),
    visibleRows: (rows, codeOf) => (p.role === 'reporter' ? rows.filter((r) => isOwn(codeOf(r))) : [...rows]),
  };
}

const cache = new WeakMap<ApiContext, Promise<Anonymiser>>();

/** The caller's anonymiser, built once per request context. */
export function anonymiser(ctx: ApiContext): Promise<Anonymiser> {
  let a = cache.get(ctx);
  if (!a) {
    a = buildAnonymiser(ctx);
    cache.set(ctx, a);
  }
  return a;
}

/** The label of one unit for the caller; use `anonymiser(ctx)` when labelling many. */
export async function peerLabel(ctx: ApiContext, unit: NamedUnit, locale: 'zh' | 'en' = 'zh'): Promise<string> {
  return (await anonymiser(ctx)).label(unit, locale);
}
