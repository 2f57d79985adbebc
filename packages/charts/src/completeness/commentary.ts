import { joinList, sentence } from '../commentary.ts';
import type { Locale } from '../labels.ts';
import type { CompletenessRow } from './rows.ts';

/** How many owing units the commentary names. */
const NAMED = 3;

/**
 * N个单位中M个已报送（X%）；K个单位有月份未报送，缺得最多的是甲（缺3个月）…. From the API's counts
 * and the rows the grid draws, nothing else.
 */
export function completenessCommentary(
  c: { reported: number; of: number; dueMonths: number },
  rows: readonly CompletenessRow[],
  locale: Locale,
): string[] {
  const en = locale === 'en';
  if (!c.of) return [];
  const pct = ((c.reported / c.of) * 100).toFixed(1);
  const out = [
    sentence(
      en
        ? `${c.reported} of ${c.of} units reported data for the period (${pct}%)`
        : `${c.of}个单位中${c.reported}个本期已报送数据（${pct}%）`,
      locale,
    ),
  ];
  const owing = rows.filter((r) => r.missingMonths.length > 0);
  if (!owing.length) {
    out.push(
      sentence(en ? `Every unit reported all ${c.dueMonths} months` : `各单位${c.dueMonths}个月均已报送`, locale),
    );
    return out;
  }
  // the rows come most owing first: the first few are the ones furthest behind
  const named = owing
    .slice(0, NAMED)
    .map((r) =>
      en
        ? `${r.name} (${r.missingMonths.length} ${r.missingMonths.length === 1 ? 'month' : 'months'})`
        : `${r.name}（缺${r.missingMonths.length}个月）`,
    );
  out.push(
    sentence(
      en
        ? `${owing.length} ${owing.length === 1 ? 'unit has' : 'units have'} months missing; most missing: ${joinList(named, locale)}`
        : `${owing.length}个单位有月份未报送，缺得最多的是${joinList(named, locale)}`,
      locale,
    ),
  );
  return out;
}
