import { sentence } from '../commentary.ts';
import { formatDelta } from '../format.ts';
import type { Locale } from '../labels.ts';
import type { MultipleTile } from './rows.ts';

/**
 * 最近一期N项指标中M项高于同级中位数、K项低于；同比增长最多的是甲（+12.5%），下降最多的是乙（−30.0%）.
 * From each tile's last window only, as the tiles' headings show it.
 */
export function multiplesCommentary(tiles: readonly MultipleTile[], unitName: string, locale: Locale): string[] {
  const en = locale === 'en';
  const last = tiles.flatMap((t) => {
    const p = t.trend.points.at(-1);
    return p ? [{ name: t.indicator.name, p }] : [];
  });
  const compared = last.filter(({ p }) => p.value !== null && p.peerMedian !== null);
  const above = compared.filter(({ p }) => p.value! > p.peerMedian!).length;
  const below = compared.filter(({ p }) => p.value! < p.peerMedian!).length;
  const out: string[] = [];
  if (compared.length)
    out.push(
      sentence(
        en
          ? `${unitName}, latest period: ${above} of ${compared.length} indicators above the peer median, ${below} below`
          : `${unitName}最近一期${compared.length}项可比指标中，${above}项高于同级中位数，${below}项低于`,
        locale,
      ),
    );
  const moved = last.filter(({ p }) => p.yoy !== null && Number.isFinite(p.yoy) && p.yoy !== 0);
  const up = moved.filter(({ p }) => p.yoy! > 0).sort((a, b) => b.p.yoy! - a.p.yoy!)[0];
  const down = moved.filter(({ p }) => p.yoy! < 0).sort((a, b) => a.p.yoy! - b.p.yoy!)[0];
  const said = [
    up &&
      (en
        ? `the biggest rise was ${up.name} (${formatDelta(up.p.yoy)})`
        : `同比增长最多的是${up.name}（${formatDelta(up.p.yoy)}）`),
    down &&
      (en
        ? `the biggest fall ${down.name} (${formatDelta(down.p.yoy)})`
        : `下降最多的是${down.name}（${formatDelta(down.p.yoy)}）`),
  ].filter((s): s is string => !!s);
  if (said.length) out.push(sentence(en ? `Year on year, ${said.join(', ')}` : said.join('，'), locale));
  return out;
}
