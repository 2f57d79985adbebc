import { describe, expect, it } from 'vitest';
import { normalizeReport } from './normalize.ts';

describe('normalizeReport', () => {
  it('converts traditional characters and keeps offsets one to one', () => {
    const original = '省氣象局黨組舉辦培訓班667人次';
    const n = normalizeReport(original);
    expect(n.text).toBe('省气象局党组举办培训班667人次');
    const at = n.text.indexOf('667');
    expect(n.toOriginal(at, at + 5)).toEqual({ start: 11, end: 16 });
  });

  it('drops pinyin notes and maps spans back over them', () => {
    const original = '當(dāng)前黨(dǎng)員3名';
    const n = normalizeReport(original);
    expect(n.text).toBe('当前党员3名');
    // 党员3名 is 黨(dǎng)員3名 in the original: from index 8 to the end.
    const at = n.text.indexOf('党员');
    const span = n.toOriginal(at, n.text.length);
    expect(original.slice(span.start, span.end)).toBe('黨(dǎng)員3名');
  });

  it('keeps parentheses that hold Chinese', () => {
    expect(normalizeReport('(責(zé)任編輯:張林)').text).toBe('(责任编辑:张林)');
  });

  it('turns full-width digits, letters and masks half-width', () => {
    expect(normalizeReport('党课３次，党员＊名，ＸＸ次').text).toBe('党课3次，党员*名，XX次');
  });

  it('removes scrape markers', () => {
    const n = normalizeReport('转化##paidbegin##为推动');
    expect(n.text).toBe('转化为推动');
    expect(n.toOriginal(2, 3)).toEqual({ start: 15, end: 16 });
  });

  it('drops the spaces PDF extraction puts inside words and around figures, mapping spans back', () => {
    const original = '支部 2024 年度召开党员大会 4 次，讲党课共 X 次';
    const n = normalizeReport(original);
    expect(n.text).toBe('支部2024年度召开党员大会4次，讲党课共X次');
    const at = n.text.indexOf('党员大会');
    const span = n.toOriginal(at, at + '党员大会4次'.length);
    expect(original.slice(span.start, span.end)).toBe('党员大会 4 次');
  });

  it('keeps the spaces between Latin words and between figures', () => {
    expect(normalizeReport('PDF to text 2 024').text).toBe('PDF to text 2 024');
  });

  it('joins lines wrapped mid-sentence, but not headings or titles', () => {
    const original = [
      '机关第二党支部2024年度党建工作总结',
      '一年来,支部坚持把理论学习放在首位,全年召开',
      '支委会12次,组织党员到红色教育基地现场学习',
      '3次,党员的理论素养明显提高。',
      '二、组织建设',
      '支部严格落实“三会一课”制度,按月开展主题党日',
      '活动,全年共计开展12次,党员参学率较高。',
    ].join('\n');
    expect(normalizeReport(original).text).toBe(
      [
        '机关第二党支部2024年度党建工作总结',
        '一年来,支部坚持把理论学习放在首位,全年召开支委会12次,组织党员到红色教育基地现场学习3次,党员的理论素养明显提高。',
        '二、组织建设',
        '支部严格落实“三会一课”制度,按月开展主题党日活动,全年共计开展12次,党员参学率较高。',
      ].join('\n'),
    );
  });

  it('does not take long headings and titles for wrapped lines', () => {
    const original = [
      '县教育局机关党总支2023年工作总结暨2024年工作思路',
      '一、坚持党的政治建设统领全面夯实机关党建工作基础',
      '机关党总支坚持以党的政治建设为统领，组织党员集中学习12次。',
      '二、扎实开展主题教育不断坚定党员干部理想信念',
      '机关党总支制定主题教育方案，开展专题研讨4次。',
    ].join('\n');
    expect(normalizeReport(original).text).toBe(original);
  });

  it('leaves short lines of ordinary text alone', () => {
    expect(normalizeReport('一、概况\n召开党员大会5次。\n二、问题\n学习不够深入。').text).toBe(
      '一、概况\n召开党员大会5次。\n二、问题\n学习不够深入。',
    );
  });
});
