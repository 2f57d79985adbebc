import { textWidth } from './svg.ts';

/**
 * A native table's cell margins, inches (top, right, bottom, left): PowerPoint's 0.05 in above
 * and below outgrow a dense table's rows.
 */
export const CELL_MARGIN: [number, number, number, number] = [0.02, 0.06, 0.02, 0.06];
/** LibreOffice sets Microsoft YaHei's text in Noto Sans CJK, whose lines are about 1.45 em high. */
const LINE_EM = 1.45;
/**
 * The estimate of textWidth (CJK 1 em, the rest 0.6) is for a regular face; LibreOffice's
 * stand-in for YaHei's Latin (DejaVu Sans) and its ✓ ✕ run wider, and its bold (the header,
 * where "Theme" broke after "Them") wider still.
 */
const SLACK = 1.15;
const BOLD = 1.12;
/** A header may take this many lines; longer ones shrink the type instead. */
const MAX_HEADER_LINES = 3;
/** A roomy table's rows stay this high (inches), not stretched to fill the area. */
const MAX_ROW_H = 0.32;
const MAX_FONT = 11;
const MIN_FONT = 5;

export interface TableFit {
  fontSize: number;
  /** inches, per column */
  colW: number[];
  /** inches, the header's first */
  rowH: number[];
}

const ems = (s: string) => textWidth(s, 1) * SLACK;
const boldEms = (s: string) => ems(s) * BOLD;

/** The pieces a line may break between: words, and each character of CJK, which breaks anywhere. */
function pieces(s: string): { text: string; spaced: boolean }[] {
  return s
    .split(/\s+/u)
    .filter(Boolean)
    .flatMap((word, i) =>
      /[\u2E80-\uFFEF]/u.test(word)
        ? [...word].map((ch, k) => ({ text: ch, spaced: i > 0 && k === 0 }))
        : [{ text: word, spaced: i > 0 }],
    );
}

/** Lines a header takes in `width` ems, broken greedily between pieces. */
function linesIn(s: string, width: number): number {
  let lines = 1;
  let used = 0;
  for (const p of pieces(s)) {
    const w = boldEms(p.text);
    const gap = p.spaced && used > 0 ? boldEms(' ') : 0;
    if (used > 0 && used + gap + w > width) {
      lines += 1;
      used = w;
    } else used += gap + w;
  }
  return lines;
}

/** The narrowest width (ems) in which a header takes at most three lines and breaks no word. */
function headerEms(h: string): number {
  const words = pieces(h).map((p) => boldEms(p.text));
  let width = Math.max(0, ...words, (words.reduce((a, b) => a + b, 0) - 1) / MAX_HEADER_LINES);
  while (linesIn(h, width) > MAX_HEADER_LINES) width += 0.25;
  return width;
}

/**
 * The largest type at which a table fits its area (inches) in LibreOffice as in PowerPoint: every
 * body cell on one line, no header word broken and the header in at most three lines, whose
 * height is reserved; each column as wide as its longest cell or header word needs, the width
 * left over shared out evenly. Type chosen from the rows' height alone let English words wrap in
 * narrow columns, which grew the rows and pushed the table under the commentary.
 */
export function fitTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
  area: { w: number; h: number },
): TableFit {
  const padX = CELL_MARGIN[1] + CELL_MARGIN[3];
  const padY = CELL_MARGIN[0] + CELL_MARGIN[2];
  // ems a column needs whatever the type: its longest cell, and its header in three lines
  const needEms = header.map((h, j) => Math.max(headerEms(h), ...rows.map((r) => ems(r[j] ?? ''))));
  for (let size = MAX_FONT; size >= MIN_FONT; size -= 0.5) {
    const em = size / 72;
    const need = needEms.map((n) => n * em + padX);
    const spare = area.w - need.reduce((a, b) => a + b, 0);
    if (spare < 0) continue;
    const colW = need.map((n) => n + spare / need.length);
    const lines = Math.max(1, ...header.map((h, j) => linesIn(h, (colW[j]! - padX) / em)));
    if (lines > MAX_HEADER_LINES) continue;
    const line = em * LINE_EM;
    const headerNeeds = lines * line + padY;
    const bodyH = Math.min(MAX_ROW_H, (area.h - headerNeeds) / Math.max(1, rows.length));
    if (bodyH < line + padY) continue;
    // a one-line header no lower than the rows under it, where the area has room
    const headerH = Math.max(headerNeeds, Math.min(bodyH, area.h - rows.length * bodyH));
    return { fontSize: size, colW, rowH: [headerH, ...rows.map(() => bodyH)] };
  }
  // nothing fits: the smallest type in even columns, the rows sharing the height
  const rowH = area.h / (rows.length + 1);
  return {
    fontSize: MIN_FONT,
    colW: header.map(() => area.w / header.length),
    rowH: Array.from({ length: rows.length + 1 }, () => rowH),
  };
}
