import { describe, expect, it } from 'vitest';
import { splitClauses, splitSentences } from './sentences.ts';

describe('splitSentences', () => {
  it('keeps offsets into the text and the terminator with its sentence', () => {
    const text = '一、概况\n召开党员大会5次，支委会12次。 开展警示教育2次！';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual(['一、概况', '召开党员大会5次，支委会12次。', '开展警示教育2次！']);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('splitClauses', () => {
  it('splits on commas but not on 、', () => {
    const text = '序言。24名党员、14个党支部获表彰，其中1名党员获奖。';
    const [, sentence] = splitSentences(text);
    const clauses = splitClauses(sentence!);
    expect(clauses.map((c) => c.text)).toEqual(['24名党员、14个党支部获表彰，', '其中1名党员获奖。']);
    expect(text.slice(clauses[1]!.start, clauses[1]!.end)).toBe('其中1名党员获奖。');
  });

  it('does not split a thousands separator', () => {
    const [sentence] = splitSentences('举办培训班9期,累计培训1,260人次。');
    expect(splitClauses(sentence!).map((c) => c.text)).toEqual(['举办培训班9期,', '累计培训1,260人次。']);
  });
});
