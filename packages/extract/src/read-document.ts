import mammoth from 'mammoth';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/** A file that is not a report we can read (binary, or text in an encoding we cannot tell). */
export class ReportFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ReportFileError';
  }
}

/** Control characters a report never holds (tab, newlines and form feed aside), and U+FFFD. */
const isNotText = (c: number) => c <= 0x08 || (c >= 0x0e && c <= 0x1f) || c === 0x7f || c === 0xfffd;

/**
 * The text of an uploaded report. .docx through mammoth's raw text; UTF-16 with its byte-order
 * mark (Notepad's "Unicode"); anything else as UTF-8, or as GB18030 when the bytes are not valid
 * UTF-8 (Windows-made Chinese .txt files). Bytes that are not text (a picture, a PDF, UTF-16
 * without a mark) are refused with a ReportFileError instead of extracting to nothing.
 */
export async function decodeReport(bytes: Uint8Array, fileName: string): Promise<string> {
  if (/\.docx$/i.test(fileName)) {
    const { value } = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
    return value;
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = gb18030.decode(bytes);
  }
  text = text.replace(/^\uFEFF/, '');
  const sample = text.slice(0, 65536);
  // one stray control character is a typing accident; 1 in 100 is not text
  let odd = 0;
  for (let i = 0; i < sample.length; i++) if (isNotText(sample.charCodeAt(i))) odd++;
  if (odd > Math.max(1, sample.length / 100))
    throw new ReportFileError(
      `${fileName} 不是文本文件（或编码无法识别）：请上传 UTF-8 或 GBK 编码的 .txt（UTF-16 须带 BOM），或 .docx`,
    );
  return text;
}
