import { BRAND, FONT_FAMILY, MISSING_DECAL } from '@bixue/charts';
import * as echarts from 'echarts';
import { type LegendItem, type Slide, slideContext } from './doc.ts';
import { SLIDE_SIZES, type SlideSize } from './request.ts';

/**
 * Every export is laid out on a 1280×720 design grid and scaled to the slide size, so a
 * 1920×1080 slide looks like a 1280×720 one, only sharper. Type sizes are in these units.
 */
export const DESIGN = { width: 1280, height: 720 } as const;
const MARGIN = 40;
const CHART = { x: MARGIN, y: 108, width: DESIGN.width - 2 * MARGIN, height: 566 } as const;
const TEXT = { main: '#1F2329', sub: '#646A73', rule: '#E4E7ED' } as const;

/**
 * Noto Sans SC first: the PNG renderer has it (fonts.ts), and a viewer of the SVG that has it
 * sees what the PNG shows. Single quotes: ECharts copies the family into a double-quoted style
 * attribute, and the builders' double-quoted names would end it (invalid XML).
 */
export const EXPORT_FONT_FAMILY = "'Noto Sans SC','Noto Sans S Chinese','PingFang SC','Microsoft YaHei',sans-serif";

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/** ECharts' server-side SVG of the builder's option at the chart area's size. */
export function chartSvg(
  doc: Pick<Slide, 'option'>,
  width: number = CHART.width,
  height: number = CHART.height,
): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ ...doc.option, animation: false });
    return chart.renderToSVGString().replaceAll(FONT_FAMILY, EXPORT_FONT_FAMILY);
  } finally {
    chart.dispose();
  }
}

/** Rough advance of a text, enough to line legend entries up: CJK one em, the rest ~0.6 em. */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const ch of s) w += /[\u2E80-\uFFEF]/u.test(ch) ? size : size * 0.6;
  return w;
}

function legendSvg(items: readonly LegendItem[], right: number, baseline: number): string {
  const size = 14;
  const parts: string[] = [];
  let x = right;
  for (const item of [...items].reverse()) {
    x -= textWidth(item.label, size);
    parts.push(`<text x="${x}" y="${baseline}" font-size="${size}" fill="${TEXT.sub}">${escapeXml(item.label)}</text>`);
    x -= 22;
    parts.push(`<rect x="${x}" y="${baseline - 12}" width="16" height="12" rx="2" fill="${item.color}"/>`);
    if (item.hatched)
      parts.push(`<rect x="${x}" y="${baseline - 12}" width="16" height="12" rx="2" fill="url(#bixue-hatch)"/>`);
    x -= 20;
  }
  return parts.join('');
}

/**
 * The slide: brand bar and title, window and peer group (and a legend where the builder has
 * none), the chart, and the source line with the export time, on white.
 */
export function slideSvg(doc: Slide, size: SlideSize): string {
  const { width, height } = SLIDE_SIZES[size];
  // overflow: the first and last category labels of a line chart reach past the plot's edge
  const chart = chartSvg(doc).replace(/^<svg /, `<svg x="${CHART.x}" y="${CHART.y}" overflow="visible" `);
  const hatch = `<pattern id="bixue-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(-45)"><rect width="2" height="6" fill="${MISSING_DECAL.color}"/></pattern>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${DESIGN.width} ${DESIGN.height}" font-family="${EXPORT_FONT_FAMILY}">`,
    `<defs>${hatch}</defs>`,
    `<rect width="${DESIGN.width}" height="${DESIGN.height}" fill="#FFFFFF"/>`,
    `<rect x="${MARGIN}" y="30" width="6" height="32" fill="${BRAND}"/>`,
    `<text x="${MARGIN + 16}" y="57" font-size="28" font-weight="bold" fill="${TEXT.main}">${escapeXml(doc.title)}</text>`,
    `<text x="${MARGIN + 16}" y="88" font-size="16" fill="${TEXT.sub}">${escapeXml(slideContext(doc))}</text>`,
    legendSvg(doc.legend, DESIGN.width - MARGIN, 88),
    chart,
    `<line x1="${MARGIN}" y1="684" x2="${DESIGN.width - MARGIN}" y2="684" stroke="${TEXT.rule}" stroke-width="1"/>`,
    `<text x="${MARGIN}" y="704" font-size="12" fill="${TEXT.sub}">${escapeXml(doc.sourceLine)}</text>`,
    '</svg>',
  ].join('');
}
