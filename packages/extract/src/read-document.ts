import mammoth from 'mammoth';

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gb18030 = new TextDecoder('gb18030');

/**
 * The text of an uploaded report. .docx through mammoth's raw text; anything else as UTF-8,
 * or as GB18030 when the bytes are not valid UTF-8 (Windows-made Chinese .txt files).
 */
export async function decodeReport(bytes: Uint8Array, fileName: string): Promise<string> {
  if (/\.docx$/i.test(fileName)) {
    const { value } = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    });
    return value;
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    text = gb18030.decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}
