import { readFileSync } from 'node:fs';
import { Document, Packer, Paragraph } from 'docx';
import { describe, expect, it } from 'vitest';
import { decodeReport } from './read-document.ts';

const GB18030_FIXTURE = new URL('../fixtures/encodings/gb18030-report.txt', import.meta.url);

describe('decodeReport', () => {
  it('reads UTF-8 text and drops a byte-order mark', async () => {
    const bytes = new TextEncoder().encode('\uFEFF召开党员大会5次。');
    expect(await decodeReport(bytes, 'a.txt')).toBe('召开党员大会5次。');
  });

  it('falls back to GB18030 when the bytes are not UTF-8', async () => {
    const bytes = new Uint8Array(readFileSync(GB18030_FIXTURE));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = await decodeReport(bytes, 'report.txt');
    expect(text).toBe('德清县气象局2023年上半年党建工作总结\n上半年，召开党员大会2次，开展主题党日活动6次。\n');
  });

  it('reads the text of a .docx', async () => {
    const doc = new Document({
      sections: [
        { children: [new Paragraph('安吉县气象局2022年度党建工作总结'), new Paragraph('全年召开支委会12次。')] },
      ],
    });
    const bytes = new Uint8Array(await Packer.toBuffer(doc));
    const text = await decodeReport(bytes, '总结.DOCX');
    expect(text.split('\n').filter((l) => l.length > 0)).toEqual([
      '安吉县气象局2022年度党建工作总结',
      '全年召开支委会12次。',
    ]);
  });
});
