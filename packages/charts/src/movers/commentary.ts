import { joinList, sentence } from '../commentary.ts';
import type { Locale } from '../labels.ts';
import type { Movers, MoverRow } from './rows.ts';

/**
 * 进步最快的是甲（↑5位）、乙（↑3位）；退步最多的是丙（↓4位）。 From the rows only: the units
 * listed and their moves, nothing else.
 */
export function moversCommentary(movers: Movers, locale: Locale): string[] {
  const en = locale === 'en';
  const move = (r: MoverRow) =>
    en
      ? `${r.name} (${r.change > 0 ? 'up' : 'down'} ${Math.abs(r.change)})`
      : `${r.name}（${r.change > 0 ? '↑' : '↓'}${Math.abs(r.change)}位）`;
  const out: string[] = [];
  if (movers.up.length)
    out.push(
      sentence(
        en
          ? `Most improved: ${joinList(movers.up.map(move), locale)}`
          : `进步最快的是${joinList(movers.up.map(move), locale)}`,
        locale,
      ),
    );
  if (movers.down.length)
    out.push(
      sentence(
        en
          ? `Fell furthest: ${joinList(movers.down.map(move), locale)}`
          : `退步最多的是${joinList(movers.down.map(move), locale)}`,
        locale,
      ),
    );
  if (!out.length)
    out.push(sentence(en ? 'No unit changed rank against the previous period' : '与上期相比各单位名次无变化', locale));
  return out;
}
