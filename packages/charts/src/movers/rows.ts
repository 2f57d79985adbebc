import type { RankingRow } from '../ranking/option.ts';

/** A unit whose rank moved: by how many places (↑ positive). */
export type MoverRow = RankingRow & { change: number };

export interface Movers {
  /** the biggest climbs first */
  up: MoverRow[];
  /** the biggest falls first */
  down: MoverRow[];
}

/** How many units each side lists: the card's and the slide's 进步最快 / 退步最多. */
export const MOVERS_PER_SIDE = 5;

/**
 * 进步最快 / 退步最多 from a ranking's rows: the units whose rank moved against the previous
 * comparable window, the biggest moves first (ties by name), at most `n` a side. New and
 * unranked units have no move.
 */
export function moversRows(rows: readonly RankingRow[], n: number = MOVERS_PER_SIDE): Movers {
  const moved = rows.filter((r): r is MoverRow => typeof r.change === 'number' && r.change !== 0);
  const by = (sign: 1 | -1) =>
    moved
      .filter((r) => Math.sign(r.change) === sign)
      .sort((a, b) => sign * (b.change - a.change) || a.name.localeCompare(b.name, 'zh'))
      .slice(0, n);
  return { up: by(1), down: by(-1) };
}
