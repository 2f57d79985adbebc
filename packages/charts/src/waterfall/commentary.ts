import { amount, joinList, sentence } from '../commentary.ts';
import type { Locale } from '../labels.ts';
import { type CompositePart, waterfallSteps } from './option.ts';

/**
 * The score, the three indicators that add most to it, how many were not reported, and which the
 * group's composite left out (`tooFewPeers`: names of indicators valued by too few peers).
 */
export function waterfallCommentary(
  total: number | null,
  parts: readonly CompositePart[],
  unitName: string,
  locale: Locale,
  tooFewPeers: readonly string[] = [],
): string[] {
  const en = locale === 'en';
  if (total === null) return [];
  const points = en ? 'pts' : '分';
  const top = waterfallSteps(parts)
    .map((s) => s.part)
    .filter((p) => p.score !== null && p.contribution > 0)
    .slice(0, 3)
    .map((p) =>
      en
        ? `${p.name} (+${amount(p.contribution, '', locale)})`
        : `${p.name}（+${amount(p.contribution, '分', locale)}）`,
    );
  const out = [
    sentence(
      en
        ? `${unitName}'s composite score is ${amount(total, '', locale)} ${points}`
        : `${unitName}综合得分${amount(total, '分', locale)}`,
      locale,
    ),
  ];
  if (top.length)
    out.push(
      sentence(en ? `Largest contributions: ${joinList(top, locale)}` : `贡献最大的是${joinList(top, locale)}`, locale),
    );
  const silent = parts.filter((p) => p.score === null).length;
  if (silent)
    out.push(
      sentence(en ? `${silent} indicators not reported add nothing` : `${silent}项指标未报送，不计得分`, locale),
    );
  if (tooFewPeers.length)
    out.push(
      sentence(
        en
          ? `Too few comparable peers; not counted: ${joinList(tooFewPeers, locale)}`
          : `同级可比单位不足，不计入：${joinList(tooFewPeers, locale)}`,
        locale,
      ),
    );
  return out;
}
