import { amount, joinList, sentence } from '../commentary.ts';
import type { Locale } from '../labels.ts';
import type { BenchmarkRow } from './option.ts';

/** How many indicators are above and below the peer median, and where the unit is furthest behind the best. */
export function benchmarkCommentary(rows: readonly BenchmarkRow[], unitName: string, locale: Locale): string[] {
  const en = locale === 'en';
  const compared = rows.filter((r) => r.value !== null && r.median !== null);
  if (!compared.length) return [];
  const above = compared.filter((r) => r.value! > r.median!).length;
  const below = compared.filter((r) => r.value! < r.median!).length;
  const out = [
    sentence(
      en
        ? `${unitName} is above the peer median on ${above} of ${compared.length} indicators and below it on ${below}`
        : `${unitName}在${compared.length}项指标中有${above}项高于同级中位数，${below}项低于`,
      locale,
    ),
  ];
  // furthest behind the best, as a share of the best: comparable across 次 and %
  const behind = compared
    .filter((r) => r.best && r.best.value > 0 && r.value! < r.best.value)
    .map((r) => ({ r, gap: 1 - r.value! / r.best!.value }))
    .sort((a, b) => b.gap - a.gap)
    .slice(0, 2);
  if (behind.length) {
    const parts = behind.map(({ r }) => {
      const u = r.indicator.unit;
      return en
        ? `${r.indicator.name} (${amount(r.value!, u, locale)} vs best ${amount(r.best!.value, u, locale)})`
        : `${r.indicator.name}（本单位${amount(r.value!, u, locale)}，最佳${amount(r.best!.value, u, locale)}）`;
    });
    out.push(
      sentence(
        en
          ? `Furthest behind the peer best: ${joinList(parts, locale)}`
          : `与同级最佳差距最大的是${joinList(parts, locale)}`,
        locale,
      ),
    );
  }
  const silent = rows.filter((r) => r.value === null).length;
  if (silent) out.push(sentence(en ? `${silent} indicators not reported` : `${silent}项指标未报送或未公开`, locale));
  return out;
}
