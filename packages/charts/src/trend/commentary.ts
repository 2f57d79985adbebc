import { amount, sentence } from '../commentary.ts';
import { formatDelta } from '../format.ts';
import type { Locale } from '../labels.ts';
import type { TrendPoint } from './option.ts';

/** 较上年同期…增长12.5%; and the latest window against the peer median and the target. */
export function trendCommentary(
  points: readonly TrendPoint[],
  yoy: number | null,
  indicator: { name: string; unit: string },
  unitName: string,
  locale: Locale,
): string[] {
  const en = locale === 'en';
  const last = points.at(-1);
  if (!last || last.value === null) return [];
  const u = indicator.unit;
  const out = [
    sentence(
      en
        ? `${unitName}: ${indicator.name} ${amount(last.value, u, locale)} in ${last.label}`
        : `${unitName}${last.label}${indicator.name}${amount(last.value, u, locale)}`,
      locale,
    ),
  ];
  if (yoy !== null && Number.isFinite(yoy) && yoy !== 0) {
    const pct = formatDelta(Math.abs(yoy)).replace('+', '');
    out.push(
      sentence(
        en
          ? `${yoy > 0 ? 'Up' : 'Down'} ${pct} on the same period a year earlier`
          : `较上年同期${yoy > 0 ? '增长' : '下降'}${pct}`,
        locale,
      ),
    );
  }
  if (last.median !== null && last.value !== last.median)
    out.push(
      sentence(
        en
          ? `${last.value > last.median ? 'Above' : 'Below'} the peer median (${amount(last.median, u, locale)})`
          : `${last.value > last.median ? '高于' : '低于'}同级中位数（${amount(last.median, u, locale)}）`,
        locale,
      ),
    );
  return out;
}
