/** What tests read back from a written deck: each slide's text, its native chart part and its notes. */
import JSZip from 'jszip';

/** the text of the paragraphs of a slide, notes or document part, one a line, empty ones dropped */
export const text = (xml: string) =>
  xml
    .replace(/<\/a:p>|<\/w:p>/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join('\n');
const slideNo = (f: string) => Number(/(\d+)\.xml$/.exec(f)![1]);

/** ppt/slides/slideN.xml → that slide's chart parts (the first as `chart`) and notes, by the slide's relationships */
export async function openDeck(bytes: Buffer) {
  const zip = await JSZip.loadAsync(bytes);
  const read = (f: string) => zip.file(f)!.async('string');
  const slides = Object.keys(zip.files)
    .filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))
    .sort((a, b) => slideNo(a) - slideNo(b));
  return Promise.all(
    slides.map(async (f) => {
      const rels = await read(f.replace('slides/', 'slides/_rels/').replace('.xml', '.xml.rels'));
      // every chart part of the slide, in the order they were added (the small multiples have many)
      const charts = [...rels.matchAll(/Target="(?:\.\.|\/ppt)\/charts\/(chart(\d+)\.xml)"/g)]
        .sort((a, b) => Number(a[2]) - Number(b[2]))
        .map((m) => m[1]!);
      const notes = /Target="\.\.\/notesSlides\/(notesSlide\d+\.xml)"/.exec(rels)?.[1];
      return {
        text: text(await read(f)),
        chart: charts[0] ? await read(`ppt/charts/${charts[0]}`) : null,
        charts: await Promise.all(charts.map((c) => read(`ppt/charts/${c}`))),
        notes: notes ? text(await read(`ppt/notesSlides/${notes}`)) : '',
      };
    }),
  );
}

/** Each series of a chart part: its name, its values (null where the cell is empty) and its line's dash, if a line. */
export function seriesOf(xml: string): { name: string; values: (number | null)[]; dash: string | null }[] {
  return [...xml.matchAll(/<c:ser>([\s\S]*?)<\/c:ser>/g)].map(([, ser]) => {
    const name = /<c:tx>[\s\S]*?<c:v>([^<]*)<\/c:v>/.exec(ser!)![1]!;
    const val = /<c:val>([\s\S]*?)<\/c:val>/.exec(ser!)![1]!;
    const values = [...val.matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map(([, v]) =>
      v === '' ? null : Number(v),
    );
    return { name, values, dash: /<a:prstDash val="(\w+)"/.exec(ser!)?.[1] ?? null };
  });
}
