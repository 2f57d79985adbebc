import { amount, joinList, sentence } from '../commentary.ts';
import type { Locale } from '../labels.ts';
import type { RankingRow } from './option.ts';

/**
 * 本期综合得分前三位是…；进步最快的是…（↑5位）；…个单位未报送。Only from the rows the viewer
 * was given: a reporter's ranking holds its own line, anonymised peers keep their 同级单位 names.
 */
export function rankingCommentary(
  rows: readonly RankingRow[],
  measure: { name: string; unit: string },
  locale: Locale,
): string[] {
  const en = locale === 'en';
  const out: string[] = [];
  const ranked = rows.filter((r) => r.rank !== null && r.value !== null).sort((a, b) => a.rank! - b.rank!);
  const top = ranked.filter((r) => r.rank! <= 3);
  const named = (r: RankingRow) => `${r.name}（${amount(r.value!, measure.unit, locale)}）`;
  const namedEn = (r: RankingRow) => `${r.name} (${amount(r.value!, measure.unit, locale)})`;
  if (top.length)
    out.push(
      sentence(
        en
          ? `Top ${top.length === 1 ? '' : 'three '}by ${measure.name}: ${joinList(top.map(namedEn), locale)}`
          : `本期${measure.name}前三位是${joinList(top.map(named), locale)}`,
        locale,
      ),
    );
  else if (ranked.length === 1) {
    const r = ranked[0]!;
    out.push(
      sentence(
        en
          ? `${r.name} ranks #${r.rank} by ${measure.name} (${amount(r.value!, measure.unit, locale)})`
          : `${r.name}${measure.name}排第${r.rank}名（${amount(r.value!, measure.unit, locale)}）`,
        locale,
      ),
    );
  }
  const rising = ranked.filter((r) => typeof r.change === 'number' && r.change > 0);
  const best = Math.max(0, ...rising.map((r) => r.change as number));
  if (best > 0) {
    const names = rising.filter((r) => r.change === best).map((r) => r.name);
    out.push(
      sentence(
        en
          ? `Most improved: ${joinList(names, locale)} (up ${best})`
          : `进步最快的是${joinList(names, locale)}（↑${best}位）`,
        locale,
      ),
    );
  }
  const silent = rows.filter((r) => r.rank === null).length;
  if (silent)
    out.push(
      sentence(
        en
          ? `${silent} ${silent === 1 ? 'unit is' : 'units are'} not ranked (not reported or undisclosed)`
          : `${silent}个单位未报送或未公开，未参与排名`,
        locale,
      ),
    );
  return out;
}
