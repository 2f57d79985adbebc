const MISPLACED_QUOTE = {
  zh: '的引号位置不对：含逗号或引号的单元格应整个放在一对英文双引号里',
  en: 'a quote is misplaced: a cell holding a comma or a quote goes whole between one pair of straight double quotes',
};

/** csv-parse's error codes, as the person fixing the file needs them (after the line it stopped at). */
const CSV_FAULTS: Readonly<Record<string, { zh: string; en: string }>> = {
  CSV_QUOTE_NOT_CLOSED: { zh: '有引号没有闭合', en: 'a quote is not closed' },
  CSV_INVALID_CLOSING_QUOTE: MISPLACED_QUOTE,
  CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE: MISPLACED_QUOTE,
  INVALID_OPENING_QUOTE: MISPLACED_QUOTE,
};

/**
 * Why csv-parse refused a text, in the page's language and with the line it stopped at: its own
 * message ("Quote Not Closed: the parsing is finished with an opening quote at line 3") is English
 * inside a Chinese sentence.
 */
export function csvErrorText(e: unknown, lang: 'zh' | 'en' = 'zh'): string {
  const { code, lines } = (e ?? {}) as { code?: string; lines?: number };
  const fault = code ? CSV_FAULTS[code] : undefined;
  const near = typeof lines === 'number' && lines > 0;
  if (lang === 'en') return `${near ? `near line ${lines}: ` : ''}${fault?.en ?? 'malformed'}`;
  return `${near ? `第 ${lines} 行附近` : ''}${fault?.zh ?? '格式有误'}`;
}
