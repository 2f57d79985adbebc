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

  it('reads UTF-16 with its byte-order mark, little- and big-endian (Notepad’s “Unicode”)', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('召开党员大会5次。', 'utf16le')]);
    expect(await decodeReport(le, 'u.txt')).toBe('召开党员大会5次。');
    const be = Buffer.from(le).swap16();
    expect(await decodeReport(be, 'u.txt')).toBe('召开党员大会5次。');
  });

  it('refuses bytes that are not text instead of extracting nothing: UTF-16 without a mark, a picture', async () => {
    const message = /不是文本文件.*UTF-8 或 GBK 编码的 \.txt（UTF-16 须带 BOM），或 \.docx/;
    await expect(decodeReport(Buffer.from('召开党员大会5次。共有党员12名。', 'utf16le'), 'u.txt')).rejects.toThrow(
      message,
    );
    // the start of a PNG, then pixels
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
      Buffer.from(Array.from({ length: 2000 }, (_, i) => (i * 37) % 256)),
    ]);
    await expect(decodeReport(png, 'photo.txt')).rejects.toThrow(message);
    // one stray control character in a real report is still text
    expect(await decodeReport(new TextEncoder().encode('召开党员大会\u00075次。'), 'a.txt')).toBe(
      '召开党员大会\u00075次。',
    );
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
