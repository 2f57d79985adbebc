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

/**
 * Simplified characters, half-width digits and letters, no pinyin notes or scrape markers.
 * Every kept character is a one-to-one image of an original one, so offsets map back exactly.
 */
export function normalizeReport(original: string): NormalizedText {
  const kept: string[] = [];
  const origin: number[] = [];
  for (let i = 0; i < original.length;) {
    const ch = original[i];
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
