import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type ApiContext, createCaller } from '@bixue/api';
import { demoContext } from '@bixue/api/testing';
import { axisNameIn } from '@bixue/charts';
import type { DbHandle } from '@bixue/db';
import { openSeededTestDb, SEEDED_DB_TIMEOUT, TEST_AS_OF } from '@bixue/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeck } from '../testing/open-deck.ts';
import { briefFile } from './brief.ts';
import { parseChartSpecs } from './spec.ts';

const run = promisify(execFile);

/**
 * The deck as an office suite opens it: LibreOffice Impress (Debian's libreoffice-impress,
 * installed by .ci/run) converts it to PDF, poppler reads the pages back. Two decks, converted by
 * one LibreOffice start: the numbers are the PPTX tests' business, these check the file opens, has
 * a page per slide, keeps its Chinese and names every bar (LibreOffice hides every other category
 * label once they would overlap, whatever the file asks), and that a native table's English,
 * which once wrapped in narrow columns, keeps the table above its commentary.
 */
describe('a briefing deck in LibreOffice', () => {
  let handle: DbHandle;
  const dir = mkdtempSync(join(tmpdir(), 'bixue-brief-'));
  const today = TEST_AS_OF.toISOString().slice(0, 10);
  const heatmapRequest = { window: '2026H1', group: 'siblings:990000', today };
  let admin: ApiContext;
  /** the two decks, whose PDFs (`pdfOf`) come from one LibreOffice start: a start costs seconds, minutes on a loaded CI machine */
  let decks: Record<'brief' | 'heatmap-en', Buffer>;
  const pdfOf = (name: keyof typeof decks) => join(dir, `${name}.pdf`);
  beforeAll(async () => {
    // the demo every test file copies, loaded once per run
    handle = await openSeededTestDb('pglite', 'demo');
    admin = await demoContext(handle.db, handle.kind, 'admin');
    const items = parseChartSpecs('ranking:composite,heatmap,trend:990101:members_congress,gaps:990101', {
      window: '2026H1',
      // all 93 counties: a full page of 25 bars, the densest a ranking slide gets
      group: 'level:county@990000',
      today,
    });
    decks = {
      brief: (await briefFile(admin, { items, format: 'pptx' })).bytes,
      'heatmap-en': (
        await briefFile(admin, { items: parseChartSpecs('heatmap', heatmapRequest), format: 'pptx', lang: 'en' })
      ).bytes,
    };
    for (const [name, deck] of Object.entries(decks)) writeFileSync(join(dir, `${name}.pptx`), deck);
    await run(
      'soffice',
      ['--headless', '--convert-to', 'pdf', '--outdir', dir, ...Object.keys(decks).map((n) => join(dir, `${n}.pptx`))],
      {
        // a profile of its own: a developer's open LibreOffice would otherwise swallow the conversion
        env: { ...process.env, HOME: dir },
        timeout: 600_000,
      },
    );
  }, SEEDED_DB_TIMEOUT);
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('converts to a PDF with the title page and one page per slide, Chinese text intact', async () => {
    const [deck, pdf] = [decks.brief, pdfOf('brief')];
    expect(readFileSync(pdf).subarray(0, 5).toString()).toBe('%PDF-');
    const pages = Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [pdf]).toString())![1]);
    expect(pages).toBe(1 + 4);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-']).toString();
    for (const words of [
      '测试省气象局党建指标简报',
      '综合得分排名',
      '状态热力图',
      '党员大会趋势',
      '序时进度',
      '本期综合得分前三位是',
    ])
      expect(text.replace(/\s+/g, '')).toContain(words);

    // the ranking's page: each of the chart's 25 category labels is printed
    const categories = /<c:cat>([\s\S]*?)<\/c:cat>/.exec((await openDeck(deck))[1]!.chart!)![1]!;
    const names = [...categories.matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v>/g)].map((m) => m[1]!);
    expect(names).toHaveLength(25);
    const page = execFileSync('pdftotext', ['-f', '2', '-l', '2', '-layout', pdf, '-']).toString().replace(/\s+/g, '');
    expect(names.filter((n) => !page.includes(n))).toEqual([]);
  });

  it('fits the English heatmap of the 14 cities above its commentary, no cell wrapped', async () => {
    const [deck, pdf] = [decks['heatmap-en'], pdfOf('heatmap-en')];
    const words = [
      ...execFileSync('pdftotext', ['-f', '2', '-l', '2', '-bbox', pdf, '-'])
        .toString()
        .matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g),
    ].map(([, x, top, bottom, text]) => ({ x: Number(x), top: Number(top), bottom: Number(bottom), text: text! }));

    const units = (await createCaller(admin).analytics.heatmap(heatmapRequest)).units.map((u) => axisNameIn(u, 'en'));
    expect(units).toHaveLength(14);
    // each unit's name, in the table's first column (the leftmost word that reads so)
    const rows = units.map((name) => {
      const first = name.split(' ')[0];
      return words.filter((w) => w.text === first).sort((a, b) => a.x - b.x)[0]!;
    });
    // the commentary's first line: where its first three words stand in a row
    const [said] = (await openDeck(deck))[1]!.notes.split('\n').slice(2);
    const [a, b, c] = said!.split(' ');
    const start = words.findIndex((w, i) => w.text === a && words[i + 1]?.text === b && words[i + 2]?.text === c);
    expect(start).toBeGreaterThan(-1);
    const lastRow = Math.max(...rows.map((w) => w.bottom));
    expect(lastRow).toBeLessThan(words[start]!.top);

    // every word of the body on one of 14 lines: a cell that wrapped would add lines between them
    const top = Math.min(...rows.map((w) => w.top));
    const middles = words
      .filter((w) => w.top >= top - 1 && w.bottom <= lastRow + 1)
      .map((w) => (w.top + w.bottom) / 2)
      .sort((p, q) => p - q);
    const lines = middles.filter((m, i) => i === 0 || m - middles[i - 1]! > 2);
    expect(lines).toHaveLength(14);
    // the key above the table says what a grey cell's icon means
    const key = words.filter((w) => w.bottom < top).map((w) => w.text);
    expect(key).toEqual(expect.arrayContaining(['Not', 'reported', 'Undisclosed']));
  });
});
