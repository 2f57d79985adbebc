import { reporterOf, subjectOf, SYSTEM_TOTAL, type Subject } from './attribution.ts';
import { studiedBy, studyBodyAfter, studyBodyOf, type StudyBody } from './study-body.ts';
import { AWARD_VERB, awardLevels, RECIPIENT_COUNTERS } from './awards.ts';
import {
  ALL_CLOSED,
  BREAKDOWN_MARKER,
  COUNTERS,
  LEXICON,
  NOT_A_SHARE,
  NOT_ALL_CLOSED,
  OTHER_ORG_SUBJECT,
  PART_LABEL,
  PLAN_MARKER,
  RATE_MARKER,
  SUBORDINATE_MARKER,
  SUBPERIOD_MARKER,
  TOTAL_MARKER,
  type IndicatorPattern,
} from './lexicon.ts';
import { normalizeReport } from './normalize.ts';
import { CHINESE_NUMERAL_CHARS, isMask, parseNumeral } from './numerals.ts';
import { detectPeriod } from './period.ts';
import { resolveCandidates } from './resolve.ts';
import { splitClauses, splitSentences, type Span } from './sentences.ts';
import type { Candidate, ExtractResult } from './types.ts';
import { detectUnit } from './unit.ts';

interface NumberToken {
  start: number;
  end: number;
  value: number | null;
  counter: string;
  approx: boolean;
}

interface KeywordHit {
  pattern: IndicatorPattern;
  start: number;
  end: number;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const NUMERAL_RUN = `\\d{1,3}(?:,\\d{3})+|\\d+(?:\\.\\d+)?|[${CHINESE_NUMERAL_CHARS}]+|[Xx×*]+|n`;
// Not after 第 (第十五次 is an ordinal) nor inside a longer run of figures or Latin letters.
const TOKEN = new RegExp(
  `(?<![第\\dA-Za-z.${CHINESE_NUMERAL_CHARS}×*])(${NUMERAL_RUN})(余|多)?(${COUNTERS.map(escape).join('|')})`,
  'g',
);
const HAS_TOKEN = new RegExp(TOKEN.source);
/** Counters of bodies or people, as in 五星级党支部23个. */
const BODY_COUNTERS: ReadonlySet<string> = new Set(['个', '名', '人']);
/** A figure may sit this far after its phrase (主题党日活动共计12次) … */
const MAX_GAP_AFTER = 8;
/** … and this far before it, for phrases that allow it (打造38个党建品牌) … */
const MAX_GAP_BEFORE = 4;
/** … or this far, when only describing words come between (举办了1期公文写作专题培训班). */
const MAX_GAP_DESCRIBED = 10;

/** Positions inside quotation marks (“两个维护”) or book titles (《…》): no figure there is a count. */
function quotedPositions(sentence: Span): { quoted: Set<number>; titled: Set<number> } {
  const quoted = new Set<number>();
  const titled = new Set<number>();
  const mark = (open: string, close: string, into: Set<number>, maxLength: number) => {
    for (let i = sentence.text.indexOf(open); i >= 0; i = sentence.text.indexOf(open, i + 1)) {
      const j = sentence.text.indexOf(close, i + 1);
      if (j < 0 || j - i > maxLength) continue;
      for (let k = i; k <= j; k++) into.add(sentence.start + k);
    }
  };
  mark('“', '”', quoted, 30);
  mark('《', '》', titled, 200);
  for (const p of titled) quoted.add(p);
  return { quoted, titled };
}

function findTokens(clause: Span, quoted: Set<number>): NumberToken[] {
  const tokens: NumberToken[] = [];
  for (const m of clause.text.matchAll(TOKEN)) {
    const start = clause.start + m.index;
    if (quoted.has(start)) continue;
    // 从3个方面查摆: aspects of a task are no count of anything.
    if (clause.text.startsWith('方面', m.index + m[0].length)) continue;
    const figure = m[1] ?? '';
    const value = isMask(figure) ? null : parseNumeral(figure);
    if (value === null && !isMask(figure)) continue;
    tokens.push({ start, end: start + m[0].length, value, counter: m[3] ?? '', approx: m[2] !== undefined });
  }
  return tokens;
}

/** Every phrase of every pattern, found in one pass per pattern over the whole text, by start. */
function findKeywords(text: string): KeywordHit[] {
  const hits: KeywordHit[] = [];
  for (const pattern of LEXICON) {
    if (pattern.counterOnly) continue;
    for (const m of text.matchAll(pattern.keywords)) hits.push({ pattern, start: m.index, end: m.index + m[0].length });
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** The phrases inside a clause, leaving out those in book titles (《关于召开党员大会的通知》). */
function keywordsIn(all: readonly KeywordHit[], clause: Span, titled: Set<number>): KeywordHit[] {
  let lo = 0;
  let hi = all.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (all[mid]!.start < clause.start) lo = mid + 1;
    else hi = mid;
  }
  const hits: KeywordHit[] = [];
  for (let i = lo; i < all.length && all[i]!.start < clause.end; i++) {
    const hit = all[i]!;
    if (hit.end <= clause.end && !titled.has(hit.start)) hits.push(hit);
  }
  return hits;
}

const allows = (p: IndicatorPattern, counter: string) => p.counters.includes(counter);

function clauseAllows(p: IndicatorPattern, clause: string): boolean {
  return (!p.requires || p.requires.test(clause)) && !(p.excludes && p.excludes.test(clause));
}

/**
 * The phrases a figure belongs to: the nearest phrase, or none if that phrase does not take this
 * counter. An enumeration (党员大会、支委会共计30次) shares one figure: each gets it only with 各.
 */
function attach(
  token: NumberToken,
  tokens: NumberToken[],
  hits: KeywordHit[],
  clause: Span,
  titled: ReadonlySet<number>,
): KeywordHit[] {
  const between = (from: number, to: number) => tokens.some((t) => t !== token && t.start >= from && t.end <= to);
  const counterOnly = LEXICON.find((p) => p.counterOnly && allows(p, token.counter));
  if (counterOnly) {
    // 五星级党支部23个 counts rated bodies; it is no rating of this unit.
    const countsUnits = tokens.some((t) => t.start >= token.end && BODY_COUNTERS.has(t.counter));
    if (countsUnits || !clauseAllows(counterOnly, clause.text)) return [];
    return [{ pattern: counterOnly, start: token.start, end: token.end }];
  }
  const nearest = (list: KeywordHit[], gapOf: (h: KeywordHit) => number) => {
    const min = Math.min(...list.map(gapOf));
    return list
      .filter((h) => gapOf(h) === min)
      .sort(
        (a, b) =>
          Number(allows(b.pattern, token.counter)) - Number(allows(a.pattern, token.counter)) ||
          b.end - b.start - (a.end - a.start),
      )[0];
  };
  const afterGap = (h: KeywordHit) => token.start - h.end;
  const beforeGap = (h: KeywordHit) => h.start - token.end;
  const after = nearest(
    hits.filter((h) => h.end <= token.start && afterGap(h) <= MAX_GAP_AFTER && !between(h.end, token.start)),
    afterGap,
  );
  const textBetween = (h: KeywordHit) => clause.text.slice(token.end - clause.start, h.start - clause.start);
  // Titles between count for nothing: 进行了1次《…》的党课 is one lecture.
  const untitledGap = (h: KeywordHit) => {
    let n = 0;
    for (let p = token.end; p < h.start; p++) if (!titled.has(p)) n += 1;
    return n;
  };
  // Phrases after the figure that take a figure written first, with nothing counted between.
  const phrasesAfter = (fits: (h: KeywordHit) => boolean) =>
    hits.filter((h) => h.pattern.numberFirst && h.start >= token.end && !between(token.end, h.start) && fits(h));
  const before =
    nearest(
      phrasesAfter((h) => beforeGap(h) <= MAX_GAP_BEFORE),
      beforeGap,
    ) ??
    // A figure may stand further before its phrase across words that only describe it (1期公文写作专题培训班,
    // 2人成为光荣的预备党员), but not across a comma, another figure or another phrase.
    nearest(
      phrasesAfter(
        (h) =>
          untitledGap(h) <= MAX_GAP_DESCRIBED &&
          !/[，,、；;：:]/.test(textBetween(h)) &&
          !hits.some((o) => o !== h && o.start >= token.end && o.end <= h.start),
      ),
      untitledGap,
    );
  let afterUsable = after;
  if (after && !allows(after.pattern, token.counter)) {
    // 主题党日+志愿服务活动12场次, 主题党日暨…: a compound activity name; its first part may take the figure.
    const joined = hits.find(
      (h) =>
        h.end < after.start && /^[+＋暨]$/.test(clause.text.slice(h.end - clause.start, after.start - clause.start)),
    );
    afterUsable = joined && allows(joined.pattern, token.counter) ? joined : undefined;
    if (!afterUsable && !before) return [];
  }
  const usable = [afterUsable, before].filter(
    (h): h is KeywordHit => h !== undefined && allows(h.pattern, token.counter) && clauseAllows(h.pattern, clause.text),
  );
  const best = usable.sort((a, b) => gap(a, token) - gap(b, token))[0];
  if (!best || best.end > token.start) return best ? [best] : [];
  const chain = [best];
  for (let head = best; ;) {
    const joined = hits.find(
      (h) =>
        h.end <= head.start &&
        ENUMERATION_JOIN.test(clause.text.slice(h.end - clause.start, head.start - clause.start)),
    );
    if (!joined) break;
    chain.unshift(joined);
    head = joined;
  }
  if (chain.length === 1) return chain;
  const each = /各|分别/.test(clause.text.slice(best.end - clause.start, token.start - clause.start));
  return each ? chain.filter((h) => allows(h.pattern, token.counter) && clauseAllows(h.pattern, clause.text)) : [];
}

/** What joins the items of an enumeration of phrases (主题党日活动、党课). */
const ENUMERATION_JOIN = /^(?:活动|会议)?(?:、|和|及|与|以及)$/;

/**
 * How sure a figure belongs to its phrase: a figure right after its phrase is the surest; each
 * character between costs (capped), a figure written first costs a little, and another phrase
 * near enough to take the same figure (警示教育专题研讨3次: a seminar, or warning education?)
 * costs most.
 */
function attachmentConfidence(
  hit: KeywordHit,
  token: NumberToken,
  tokens: readonly NumberToken[],
  hits: readonly KeywordHit[],
  clause: Span,
): number {
  if (hit.pattern.counterOnly) return 0.92;
  const distance = gap(hit, token);
  const far = Math.min(0.25, 0.03 * Math.max(0, distance - 2));
  const numberFirst = hit.end > token.start ? 0.05 : 0;
  const separated = (h: KeywordHit) =>
    tokens.some((t) => t !== token && t.start >= Math.min(h.end, token.end) && t.end <= Math.max(h.start, token.start));
  const rival = hits.some(
    (h) =>
      h.pattern.indicator !== hit.pattern.indicator &&
      allows(h.pattern, token.counter) &&
      clauseAllows(h.pattern, clause.text) &&
      gap(h, token) <= MAX_GAP_AFTER &&
      !separated(h),
  );
  return 0.95 - far - numberFirst - (rival ? 0.15 : 0);
}

function gap(h: KeywordHit, t: NumberToken): number {
  return h.end <= t.start ? t.start - h.end : h.start - t.end;
}

/**
 * Every figure tied to an indicator, sentence by sentence, and the sentences that say all the
 * issues they list were rectified.
 */
function candidatesOf(text: string): { candidates: Candidate[]; closedSentences: Set<number> } {
  const reporter = reporterOf(text);
  const candidates: Candidate[] = [];
  const closedSentences = new Set<number>();
  const allHits = findKeywords(text);
  // Who studies carries over from sentence to sentence within a paragraph (…中心组严格对标…。全年共组织集体学习X次).
  let studying: StudyBody = null;
  let previousEnd = 0;
  for (const sentence of splitSentences(text)) {
    if (text.slice(previousEnd, sentence.start).includes('\n')) studying = null;
    previousEnd = sentence.end;
    // Most sentences state no figure and no honour; skipping them is most of the speed.
    if (!HAS_TOKEN.test(sentence.text) && !AWARD_VERB.test(sentence.text)) {
      studying = studyBodyAfter(sentence.text, studying);
      continue;
    }
    if (ALL_CLOSED.test(sentence.text) && !NOT_ALL_CLOSED.test(sentence.text)) closedSentences.add(sentence.start);
    const { quoted, titled } = quotedPositions(sentence);
    const make = (
      indicator: string,
      figure: Omit<NumberToken, 'end'>,
      prefix: string,
      confidence: number,
      part: string | null,
    ): Candidate => ({
      indicator,
      value: figure.value,
      counter: figure.counter,
      sentenceStart: sentence.start,
      sentenceEnd: sentence.end,
      total: TOTAL_MARKER.test(prefix),
      part,
      breakdown: BREAKDOWN_MARKER.test(prefix),
      subPeriod: SUBPERIOD_MARKER.test(text.slice(sentence.start, figure.start)),
      approx: figure.approx,
      confidence: confidence - (figure.approx ? 0.15 : 0) - (figure.value === null ? 0.05 : 0),
    });

    let subject: Subject = 'self';
    let lastPart: { indicator: string; counter: string } | null = null;
    // After 其中 every further share breaks down the total already given (共有党员61名，其中正式党员12名，预备党员49名).
    let breakingDown = false;
    // A phrase left without a figure, which the next clause may supply (开展志愿服务活动，参与党员2,100人次).
    let pending: { hit: KeywordHit; clause: string } | null = null;
    for (const clause of splitClauses(sentence)) {
      subject = subjectOf(clause.text, subject, reporter);
      studying = studyBodyOf(clause.text, studying);
      const tokens = findTokens(clause, quoted);
      const awards = awardLevels(clause.text, text.slice(sentence.start, clause.start));
      if (awards.length > 0 && !BREAKDOWN_MARKER.test(clause.text)) {
        // Head counts before the verb are the people or bodies honoured (一名同志被…评为).
        const recipients = tokens.filter(
          (t) => RECIPIENT_COUNTERS.has(t.counter) && !AWARD_VERB.test(text.slice(clause.start, t.start)),
        );
        // Without a head count the honour is one, unless another organisation is the subject.
        if (recipients.length > 0 || !OTHER_ORG_SUBJECT.test(clause.text)) {
          const masked = recipients.some((t) => t.value === null);
          const value =
            recipients.length === 0 ? 1 : masked ? null : recipients.reduce((n, t) => n + (t.value ?? 0), 0);
          for (const award of awards) {
            candidates.push(make(award, { start: clause.start, value, counter: '项', approx: false }, '', 0.7, null));
          }
        }
        continue;
      }
      if (subject === 'other') {
        pending = null;
        continue;
      }
      const hits = keywordsIn(allHits, clause, titled);
      const carried = pending;
      // A phrase whose figure comes in a later clause: 开展志愿服务活动，参与党员2,100人次, and
      // 每月开展一次主题党日活动，共十二次 (the frequency is no count; the total follows).
      const leftOpen = hits.length > 0 ? { hit: hits[hits.length - 1]!, clause: clause.text } : null;
      pending = tokens.length === 0 ? leftOpen : null;
      if (tokens.length === 0) continue;
      const producedBefore = candidates.length;

      let producedPart: { indicator: string; counter: string } | null = null;
      let segmentStart = clause.start;
      for (const token of tokens) {
        const prefix = text.slice(clause.start, token.start);
        // What stands between the previous figure of the clause and this one (正式党员7名、预备党员1名).
        const segment = text.slice(segmentStart, token.start);
        segmentStart = token.end;
        if (BREAKDOWN_MARKER.test(segment)) breakingDown = true;
        if (
          RATE_MARKER.test(prefix) ||
          SUBORDINATE_MARKER.test(prefix) ||
          PLAN_MARKER.test(prefix) ||
          SYSTEM_TOTAL.test(prefix)
        ) {
          continue;
        }
        const attached = attach(token, tokens, hits, clause, titled);
        for (const hit of attached) {
          // Whose share it is is written before the phrase or between phrase and figure, never in the phrase.
          const labelText =
            text.slice(clause.start, Math.min(hit.start, token.start)) +
            (hit.end <= token.start ? text.slice(hit.end, token.start) : '');
          const part = labelText.match(PART_LABEL)?.[0] ?? null;
          const indicator = studiedBy(hit.pattern.indicator, studying);
          const confidence =
            attachmentConfidence(hit, token, tokens, hits, clause) - (indicator !== hit.pattern.indicator ? 0.1 : 0);
          candidates.push(make(indicator, token, prefix, confidence, part));
          if (part) {
            producedPart = { indicator, counter: token.counter };
            lastPart = producedPart;
          }
        }
        if (attached.length > 0) continue;
        if (
          hits.length === 0 &&
          carried &&
          allows(carried.hit.pattern, token.counter) &&
          clauseAllows(carried.hit.pattern, carried.clause)
        ) {
          candidates.push(make(carried.hit.pattern.indicator, token, prefix, 0.75, null));
        } else if (lastPart && token.counter === lastPart.counter) {
          // 查找问题班子1条，全体党员问题共计5条: the next share, with no phrase of its own that takes
          // the figure, continues the same count.
          const part = segment.match(PART_LABEL)?.[0];
          if (part && !breakingDown && !NOT_A_SHARE.test(segment)) {
            candidates.push(make(lastPart.indicator, token, '', 0.85, part));
            producedPart = lastPart;
          }
        }
      }
      if (candidates.length === producedBefore) pending = leftOpen;
      // A clause naming another indicator ends a run of shares.
      lastPart = producedPart ?? (hits.length > 0 ? null : lastPart);
    }
  }
  return { candidates, closedSentences };
}

/**
 * Reads a 党建工作总结 and proposes one fact per indicator it states, with the sentence each
 * came from (offsets into `original`), plus the period, level and name of the reporting unit.
 */
export function extractReport(original: string): ExtractResult {
  const normalized = normalizeReport(original);
  const { text } = normalized;
  const { candidates, closedSentences } = candidatesOf(text);
  const resolved = resolveCandidates(candidates, closedSentences);

  const facts = resolved.map((r) => {
    const span = normalized.toOriginal(r.sentenceStart, r.sentenceEnd);
    return {
      indicator: r.indicator,
      status: r.value === null ? ('undisclosed' as const) : ('value' as const),
      value: r.value,
      text: original.slice(span.start, span.end),
      start: span.start,
      end: span.end,
      confidence: Math.round(Math.max(0.1, Math.min(1, r.confidence)) * 100) / 100,
    };
  });
  return { period: detectPeriod(text), ...detectUnit(text), facts };
}
