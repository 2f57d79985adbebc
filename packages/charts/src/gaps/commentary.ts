import { amount, sentence } from '../commentary.ts';
import { shownTarget } from '../format.ts';
import type { Locale } from '../labels.ts';
import { type GapRow, urgency } from './option.ts';

/** How many indicators are behind the pro-rated target, and the most urgent one with what it still needs. */
export function gapsCommentary(rows: readonly GapRow[], unitName: string, locale: Locale): string[] {
  const en = locale === 'en';
  if (!rows.length) return [];
  const behind = rows.filter((r) => urgency(r) < 1);
  if (!behind.length)
    return [
      sentence(
        en
          ? `${unitName} is on pace on all ${rows.length} indicators with a target`
          : `${unitName}${rows.length}项有目标的指标均达到序时进度`,
        locale,
      ),
    ];
  const out = [
    sentence(
      en
        ? `${unitName} is behind the target to date on ${behind.length} of ${rows.length} indicators`
        : `${unitName}${rows.length}项有目标的指标中${behind.length}项落后于序时进度`,
      locale,
    ),
  ];
  // rows come most urgent first (sortByUrgency)
  const r = behind[0]!;
  const u = r.indicator.unit;
  const needed = amount(shownTarget(r.needed, r.indicator), u, locale);
  const done = r.value === null ? null : ((r.value / r.proRated) * 100).toFixed(1);
  out.push(
    sentence(
      en
        ? `Most urgent: ${r.indicator.name}${done === null ? ' (not reported)' : ` (${done}% of the target to date)`}, ${needed} still needed to be on pace`
        : `最紧迫的是${r.indicator.name}${done === null ? '（未报送）' : `（完成序时目标的${done}%）`}，按序时进度还差${needed}`,
      locale,
    ),
  );
  return out;
}
