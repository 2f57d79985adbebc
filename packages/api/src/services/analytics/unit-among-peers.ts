import type { Period } from '@bixue/domain';
import type { ApiContext } from '../../context.ts';
import { InputError } from '../../errors.ts';
import { readableGroup, readableUnit } from '../../scope.ts';
import { judgeWindow } from './judged-window.ts';
import { activeRange, settingsFor } from './loaders.ts';
import { loadCatalog } from '../../reference.ts';

export interface UnitAmongPeersInput {
  unit: string;
  window: Period;
  /** default: the unit's siblings (a province: the provinces of its level) */
  group?: string | undefined;
  today?: Date | undefined;
  asOf?: number | undefined;
  version?: number | undefined;
}

/** A unit is measured against peers it is one of: a group it is not in is a mistake in the request. */
export function requireAmong(members: readonly { code: string }[], unit: string, groupText: string): void {
  if (!members.some((u) => u.code === unit))
    throw new InputError(
      { zh: `单位 ${unit} 不在比较组 ${groupText} 中`, en: `Unit ${unit} is not in comparison group ${groupText}` },
      'group',
    );
}

/**
 * A unit, the window it is judged on and the peer group it is measured in, each checked against
 * the caller's scope: where the benchmark and the composite's explanation start, so both compare
 * the unit with the same peers.
 */
export async function unitAmongPeers(ctx: ApiContext, input: UnitAmongPeersInput) {
  const unit = await readableUnit(ctx, input.unit);
  const judged = await judgeWindow(ctx, unit.province_code, input.window, input);
  const groupText =
    input.group ?? (unit.parent_code ? `siblings:${unit.parent_code}` : `level:${unit.level}@${unit.code}`);
  const group = await readableGroup(ctx, groupText, { peers: true, active: activeRange([input.window]) });
  requireAmong(group.members, unit.code, groupText);
  const [settings, catalog] = await Promise.all([settingsFor(ctx, unit.province_code, judged.read), loadCatalog(ctx)]);
  return { unit, judged, groupText, group, settings, catalog };
}
