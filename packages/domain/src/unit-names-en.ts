/**
 * A unit's English names: the ones an admin stored, else romanised from the Chinese name. A
 * subpath of @bixue/domain (`@bixue/domain/unit-names-en`) because pinyin-pro's dictionary is a
 * few hundred kilobytes that the web app and everything else importing the domain index need not load.
 */
import { pinyin } from 'pinyin-pro';

export interface UnitNamesEn {
  /** 南平市局 → Nanping City Bureau */
  nameEn: string;
  /** the place alone: Nanping */
  shortNameEn: string;
}

/** The columns the English names come from (units.name, units.name_en, units.short_name_en). */
export interface UnitNameColumns {
  name: string;
  name_en: string | null;
  short_name_en: string | null;
}

/** Administrative divisions, longest first so 自治区 is not read as 区: the unit's own, and a parent's. */
const DIVISIONS: readonly { zh: string; own: string; parent: string }[] = [
  { zh: '自治区', own: 'Autonomous Regional', parent: 'Autonomous Region' },
  { zh: '自治州', own: 'Autonomous Prefecture', parent: 'Autonomous Prefecture' },
  { zh: '自治县', own: 'Autonomous County', parent: 'Autonomous County' },
  { zh: '地区', own: 'Prefecture', parent: 'Prefecture' },
  { zh: '省', own: 'Provincial', parent: 'Province' },
  { zh: '市', own: 'City', parent: 'City' },
  { zh: '区', own: 'District', parent: 'District' },
  { zh: '县', own: 'County', parent: 'County' },
  { zh: '州', own: 'Prefecture', parent: 'Prefecture' },
  { zh: '盟', own: 'League', parent: 'League' },
  { zh: '旗', own: 'Banner', parent: 'Banner' },
];

/** What the unit is, after its place: 气象局 before 局, so the longer one wins. */
const BODIES: readonly { zh: string; en: string }[] = [
  { zh: '气象局', en: 'Meteorological Bureau' },
  { zh: '局', en: 'Bureau' },
  { zh: '委', en: 'Committee' },
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const DIVISION_OF = `(${DIVISIONS.map((d) => escape(d.zh)).join('|')})`;
// places of two characters or more, so the 州 of 福州市 is read as part of the place, not as a division
const SEGMENT_RE = new RegExp(`(.{2,}?)${DIVISION_OF}`, 'gu');
// a one-character place is the whole of what is left: 沛县
const SHORT_SEGMENT_RE = new RegExp(`^(.)${DIVISION_OF}$`, 'u');
const BODY_RE = new RegExp(`(${BODIES.map((b) => escape(b.zh)).join('|')})$`, 'u');
const HAN = /\p{Script=Han}/u;

type Segment = { place: string; division: (typeof DIVISIONS)[number] | null };

const divisionOf = (zh: string) => DIVISIONS.find((d) => d.zh === zh)!;

/** 测试省云川市 → 测试 省, 云川 市; what no division ends is a place of its own. */
function segmentsOf(text: string): Segment[] {
  const segments: Segment[] = [];
  let end = 0;
  for (const m of text.matchAll(SEGMENT_RE)) {
    segments.push({ place: m[1]!, division: divisionOf(m[2]!) });
    end = m.index + m[0].length;
  }
  const tail = text.slice(end);
  const short = SHORT_SEGMENT_RE.exec(tail);
  if (short) segments.push({ place: short[1]!, division: divisionOf(short[2]!) });
  else if (tail || segments.length === 0) segments.push({ place: tail, division: null });
  return segments;
}

/**
 * A place name in pinyin as maps write it: no tones, its syllables joined, the first letter
 * capitalised, an apostrophe where a syllable starting with a, e or o would run into the one
 * before (瑞安 → Rui'an, 西安 → Xi'an). Text that is not Chinese stays as it is.
 */
export function placePinyin(zh: string): string {
  if (!HAN.test(zh)) return zh;
  const syllables = pinyin(zh, { toneType: 'none', type: 'array', nonZh: 'consecutive' });
  const joined = syllables.map((s, i) =>
    i > 0 && /^[aeo]/.test(s) && /[a-zü]$/.test(syllables[i - 1]!) ? `'${s}` : s,
  );
  const text = joined.join('');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * 南平市局 → Nanping City Bureau / Nanping; 测试省云川市气象局 → Yunchuan City Meteorological
 * Bureau, Ceshi Province / Yunchuan. The unit's own division is an adjective (Provincial Bureau),
 * a parent's a noun after a comma.
 */
export function romanisedUnitNames(name: string): UnitNamesEn {
  const trimmed = name.trim();
  const body = BODY_RE.exec(trimmed)?.[1];
  const segments = segmentsOf(body ? trimmed.slice(0, -body.length) : trimmed);
  const own = segments.at(-1)!;
  const place = placePinyin(own.place);
  const bodyEn = body ? BODIES.find((b) => b.zh === body)!.en : null;
  const division = own.division && (bodyEn ? own.division.own : own.division.parent);
  const head = [place, division, bodyEn].filter(Boolean).join(' ');
  const parents = segments
    .slice(0, -1)
    .reverse()
    .map((s) => `${placePinyin(s.place)} ${s.division!.parent}`);
  return { nameEn: [head, ...parents].join(', '), shortNameEn: place || head };
}

/**
 * Romanising takes ~50 µs a name; a national ranking names thousands of units in every answer.
 * Unit names are few and change rarely, so each is romanised once per process.
 */
const romanised = new Map<string, UnitNamesEn>();
const REMEMBERED = 20_000;

/** The stored English names, each falling back to the romanised one where none is stored. */
export function unitNamesEn(unit: UnitNameColumns): UnitNamesEn {
  if (unit.name_en !== null && unit.short_name_en !== null)
    return { nameEn: unit.name_en, shortNameEn: unit.short_name_en };
  let fallback = romanised.get(unit.name);
  if (!fallback) {
    if (romanised.size >= REMEMBERED) romanised.clear();
    fallback = romanisedUnitNames(unit.name);
    romanised.set(unit.name, fallback);
  }
  return { nameEn: unit.name_en ?? fallback.nameEn, shortNameEn: unit.short_name_en ?? fallback.shortNameEn };
}
