/** A run of report text, marked when proposed facts point into it. */
export interface Segment {
  start: number;
  end: number;
  text: string;
  /** indexes of the proposals whose span covers this run */
  marks: number[];
}

/** Cuts the text at every span boundary so overlapping spans (several facts in one sentence) still render flat. */
export function segmentText(text: string, spans: readonly { start: number; end: number }[]): Segment[] {
  const cuts = new Set<number>([0, text.length]);
  for (const s of spans) {
    cuts.add(Math.max(0, Math.min(text.length, s.start)));
    cuts.add(Math.max(0, Math.min(text.length, s.end)));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const out: Segment[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i]!;
    const end = points[i + 1]!;
    const marks = spans.flatMap((s, idx) => (s.start <= start && s.end >= end ? [idx] : []));
    out.push({ start, end, text: text.slice(start, end), marks });
  }
  return out;
}
