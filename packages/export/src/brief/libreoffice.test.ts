import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoContext } from '@bixue/api/testing';
import type { DbHandle } from '@bixue/db';
import { openSeededTestDb, SEEDED_DB_TIMEOUT, TEST_AS_OF } from '@bixue/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { briefFile } from './brief.ts';
import { parseChartSpecs } from './spec.ts';

/**
 * The deck as an office suite opens it: LibreOffice Impress (Debian's libreoffice-impress,
 * installed by .ci/run) converts it to PDF, poppler reads the pages back. One conversion only (it
 * costs seconds): the numbers are the PPTX tests' business, this one checks the file opens, has a
 * page per slide and keeps its Chinese.
 */
describe('a briefing deck in LibreOffice', () => {
  let handle: DbHandle;
  const dir = mkdtempSync(join(tmpdir(), 'bixue-brief-'));
  beforeAll(async () => {
    // the demo every test file copies, loaded once per run
    handle = await openSeededTestDb('pglite', 'demo');
  }, SEEDED_DB_TIMEOUT);
  afterAll(async () => {
    await handle?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('converts to a PDF with the title page and one page per slide, Chinese text intact', async () => {
    const admin = await demoContext(handle.db, handle.kind, 'admin');
    const items = parseChartSpecs('ranking:composite,heatmap,trend:990101:members_congress,gaps:990101', {
      window: '2026H1',
      group: 'siblings:990100',
      today: TEST_AS_OF.toISOString().slice(0, 10),
    });
    writeFileSync(join(dir, 'brief.pptx'), (await briefFile(admin, { items, format: 'pptx' })).bytes);
    execFileSync('soffice', ['--headless', '--convert-to', 'pdf', '--outdir', dir, join(dir, 'brief.pptx')], {
      // a profile of its own: a developer's open LibreOffice would otherwise swallow the conversion
      env: { ...process.env, HOME: dir },
      timeout: 120_000,
    });
    const pdf = join(dir, 'brief.pdf');
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
  }, 180_000);
});
