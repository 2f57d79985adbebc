import { getUnit } from '@bixue/db';
import type { ApiContext } from '../../context.ts';
import { InputError, NotFoundError } from '../../errors.ts';
import { requirePrincipal } from '../../scope.ts';

/**
 * The province a cycle call is about: the caller's own, or the province of the unit named (the
 * command line's operator must name one). The procedure's scope rule has already checked a named one.
 */
export async function cycleProvince(ctx: ApiContext, named?: string): Promise<string> {
  const p = requirePrincipal(ctx);
  const code = named ?? (p.provinceCode === '*' ? undefined : p.provinceCode);
  if (!code)
    throw new InputError({ zh: '请用 --province 指定省份', en: 'Name the province with --province' }, 'province');
  const unit = await getUnit(ctx.db, code);
  if (!unit) throw new NotFoundError({ zh: `单位 ${code} 不存在`, en: `Unit ${code} does not exist` });
  return unit.province_code;
}
