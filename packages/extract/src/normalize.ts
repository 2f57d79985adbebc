import { Converter } from 'opencc-js/t2cn';

/** Report text in one canonical form, with a way back to the original offsets. */
export interface NormalizedText {
  readonly text: string;
  /** Maps the half-open span [start, end) of `text` onto the original string. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

let toSimplified: ((s: string) => string) | null = null;
function simplify(s: string): string {
  // Building the converter loads its dictionaries; do it once, on first use.
  toSimplified ??= Converter({ from: 't', to: 'cn' });
  return toSimplified(s);
}

let traditionalChar: RegExp | null = null;
/**
 * Whether any character would change. Most reports are already simplified, and one character-class
 * search is far cheaper than running the converter; the class is built once from the converter itself.
 */
function hasTraditional(s: string): boolean {
  if (traditionalChar === null) {
    const chars: string[] = [];
    for (let cp = 0x3400; cp <= 0x9fff; cp++) chars.push(String.fromCharCode(cp));
    const converted = simplify(chars.join('\n')).split('\n');
    traditionalChar = new RegExp(`[${chars.filter((c, i) => converted[i] !== c).join('')}]`);
  }
  return traditionalChar.test(s);
}

// Pinyin readings some sites print after every character: 當(dāng)前 → 當前.
const PINYIN_NOTE = /[(（][a-zA-Zāáǎàēéěèīíǐìōóǒòūúǔùüǖǘǚǜńňǹḿ]{1,7}[)）]/y;
// Paywall markers such as ##paidbegin## left behind by scraped pages.
const SCRAPE_MARKER = /##[a-z]+##/y;

function halfWidth(ch: string): string {
  const code = ch.charCodeAt(0);
  // Full-width digits and Latin letters (０-９, Ａ-Ｚ, ａ-ｚ), plus ％ ＊ ． used in figures.
  if ((code >= 0xff10 && code <= 0xff19) || (code >= 0xff21 && code <= 0xff3a) || (code >= 0xff41 && code <= 0xff5a)) {
    return String.fromCharCode(code - 0xfee0);
  }
  if (ch === '％' || ch === '＊' || ch === '．') return String.fromCharCode(code - 0xfee0);
  if (ch === '\r') return '\n';
  return ch;
}

const CJK = /[\u3400-\u9fff]/;
/** Chinese characters and punctuation: PDF extraction pads them with spaces that no writer typed. */
const CHINESE = /[\u3400-\u9fff\u3001-\u303f\uff01-\uff0f\uff1a-\uff20“”‘’]/;
const SPACE_RUN = /[ \t\u00a0\u3000]+/g;
/** A wrapped line goes on with a character or a figure. */
const LINE_START = /^[\u3400-\u9fff\dXx*]/;
/** Where a sentence, a heading or a title ends a line on purpose (…党建工作汇报). */
const LINE_END = /(?:[。！？!?：:；;…”’）)】]|总结|汇报|报告|述职|情况|思路|计划|要点|打算)$/;
/** Headings start a new line even in wrapped text: 一、 (二) 3. 第四. */
const HEADING =
  /^(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+)/;

/**
 * Whether the text was wrapped at a fixed width (PDF or DOC extraction): most longer lines end
 * mid-sentence. Then a line break inside a sentence is no boundary.
 */
function isWrapped(lines: readonly string[]): boolean {
  // Headings are short lines by nature, whatever their length: they say nothing of wrapping.
  const long = lines.map((l) => l.trim()).filter((l) => l.length >= 12 && !HEADING.test(l));
  if (long.length < 3) return false;
  return long.filter((l) => !LINE_END.test(l)).length / long.length >= 0.5;
}

/**
 * Positions to drop: spaces PDF extraction put inside words and around figures (2025 年度,
 * 召开党员大会 3 次, 共 X 次) and, in wrapped text, line breaks inside a sentence.
 */
function paddingPositions(original: string): number[] {
  const drop: number[] = [];
  for (const m of original.matchAll(SPACE_RUN)) {
    const before = original[m.index - 1] ?? '';
    const after = original[m.index + m[0].length] ?? '';
    // Spaces between Latin words or figures stay; Chinese is written without them.
    if (before !== '' && after !== '' && after !== '\n' && (CHINESE.test(before) || CHINESE.test(after))) {
      for (let k = m.index; k < m.index + m[0].length; k++) drop.push(k);
    }
  }
  const lines = original.split('\n');
  if (!isWrapped(lines)) return drop;
  let at = 0;
  for (let n = 0; n < lines.length - 1; n++) {
    const line = lines[n] ?? '';
    at += line.length;
    const next = (lines[n + 1] ?? '').trimStart();
    const body = line.replace(/\r$/, '').trimEnd();
    if (body.length >= 12 && !LINE_END.test(body) && LINE_START.test(next) && !HEADING.test(next)) {
      if (line.endsWith('\r')) drop.push(at - 1);
      drop.push(at);
    }
    at += 1;
  }
  return drop.sort((x, y) => x - y);
}

/**
 * Simplified characters, half-width digits and letters, no pinyin notes, scrape markers or PDF
 * padding. Every kept character is a one-to-one image of an original one, so offsets map back exactly.
 */
export function normalizeReport(original: string): NormalizedText {
  const kept: string[] = [];
  const origin: number[] = [];
  const padding = paddingPositions(original);
  let nextPad = 0;
  for (let i = 0; i < original.length;) {
    const ch = original[i];
    // Pinyin notes and markers are skipped whole; padding inside them is already gone.
    while ((padding[nextPad] ?? Infinity) < i) nextPad += 1;
    if (padding[nextPad] === i) {
      nextPad += 1;
      i += 1;
      continue;
    }
    if ((ch === '(' || ch === '（') && CJK.test(original[i - 1] ?? '')) {
      PINYIN_NOTE.lastIndex = i;
      if (PINYIN_NOTE.test(original)) {
        i = PINYIN_NOTE.lastIndex;
        continue;
      }
    }
    if (ch === '#') {
      SCRAPE_MARKER.lastIndex = i;
      if (SCRAPE_MARKER.test(original)) {
        i = SCRAPE_MARKER.lastIndex;
        continue;
      }
    }
    kept.push(halfWidth(ch ?? ''));
    origin.push(i);
    i += 1;
  }
  origin.push(original.length);

  const joined = kept.join('');
  let text = hasTraditional(joined) ? simplify(joined) : joined;
  if (text.length !== joined.length) {
    // Phrase rules may change the length; fall back to character-by-character so the map holds.
    text = kept
      .map((c) => {
        const s = simplify(c);
        return s.length === 1 ? s : c;
      })
      .join('');
  }

  return {
    text,
    toOriginal(start, end) {
      const from = origin[start] ?? original.length;
      const last = end > start ? origin[end - 1] : undefined;
      return { start: from, end: last === undefined ? from : last + 1 };
    },
  };
}
