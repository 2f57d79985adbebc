import { CATEGORY_LABELS, type Category } from '@bixue/domain';
import { sentence } from '../commentary.ts';
import type { HeatmapCell } from '../heatmap/option.ts';
import type { Locale } from '../labels.ts';
import type { IndicatorRef } from '../types.ts';

/**
 * 共有N个红灯（未达标）；红灯集中在…类（M个）；达标率X%. Counts unit × indicator cells with a
 * target, as the heatmap and the status counts draw them.
 */
export function statusCommentary(
  cells: readonly HeatmapCell[],
  indicators: readonly IndicatorRef[],
  locale: Locale,
): string[] {
  const en = locale === 'en';
  const withStatus = cells.filter((c) => c.status === 'green' || c.status === 'yellow' || c.status === 'red');
  if (!withStatus.length) return [];
  const categoryOf = new Map(indicators.map((i) => [i.code, i.category as Category | undefined]));
  const red = withStatus.filter((c) => c.status === 'red');
  const green = withStatus.filter((c) => c.status === 'green').length;
  const share = ((green / withStatus.length) * 100).toFixed(1);
  const out = [
    sentence(
      en
        ? `${green} of ${withStatus.length} unit × indicator results are on target (${share}%), ${red.length} behind`
        : `${withStatus.length}项单位指标结果中达标${green}项（${share}%），未达标（红灯）${red.length}项`,
      locale,
    ),
  ];
  const byCategory = new Map<Category, number>();
  for (const c of red) {
    const k = categoryOf.get(c.indicator);
    if (k) byCategory.set(k, (byCategory.get(k) ?? 0) + 1);
  }
  const most = Math.max(0, ...byCategory.values());
  if (most > 0) {
    const cats = [...byCategory].filter(([, n]) => n === most).map(([k]) => CATEGORY_LABELS[k][en ? 'en' : 'zh']);
    const part = ((most / red.length) * 100).toFixed(1);
    out.push(
      sentence(
        en
          ? `Red results cluster in ${cats.join(', ')} (${most}${cats.length > 1 ? ' each' : ''}, ${part}% of the red)`
          : `红灯指标集中在${cats.join('、')}类（${cats.length > 1 ? '各' : ''}${most}项，占红灯的${part}%）`,
        locale,
      ),
    );
  }
  return out;
}
