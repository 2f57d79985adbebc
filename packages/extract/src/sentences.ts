/** A stretch of the normalised text: [start, end) and its characters. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

function split(text: string, offset: number, boundary: RegExp): Span[] {
  const spans: Span[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = text.slice(start, end);
    const lead = raw.length - raw.trimStart().length;
    const body = raw.trim();
    if (body.length > 0)
      spans.push({ start: offset + start + lead, end: offset + start + lead + body.length, text: body });
  };
  for (const m of text.matchAll(boundary)) {
    const end = m.index + m[0].length;
    push(end);
    start = end;
  }
  push(text.length);
  return spans;
}

/** Sentences end at 。！？ and at line breaks; the terminator stays with its sentence. */
export function splitSentences(text: string): Span[] {
  return split(text, 0, /[。！？!?]+|\n+/g);
}

/**
 * Clauses: the comma-separated parts of a sentence. 、 does not split, because enumerations
 * (24名党员、14个党支部) belong together, nor does a thousands separator (1,260人次).
 */
export function splitClauses(sentence: Span): Span[] {
  return split(sentence.text, sentence.start, /[，；;：:]|,(?!\d{3}(?!\d))/g);
}
