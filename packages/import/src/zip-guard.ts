import yauzl from 'yauzl';
import { ImportFileError } from './problems.ts';
import { formatMb, IMPORT_LIMITS } from './limits.ts';

/**
 * Inflates every entry once, counting bytes and throwing them away, before exceljs (which
 * inflates into memory) is allowed near the file. yauzl checks each entry's real size against
 * its declared size, so a lying central directory is caught too.
 */
export function assertSafeZip(
  buffer: Buffer,
  limits: { maxInflatedBytes: number; maxZipEntries: number } = IMPORT_LIMITS,
): Promise<void> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip)
        return reject(
          new ImportFileError(
            'not_a_spreadsheet',
            `文件已损坏或不是 XLSX 文件（${err?.message ?? '无法打开'}）`,
            `the file is damaged or not an XLSX file (${err?.message ?? 'it cannot be opened'})`,
          ),
        );
      let entries = 0;
      let inflated = 0;
      const fail = (e: Error) => {
        zip.close();
        reject(e);
      };
      const bomb = () =>
        new ImportFileError(
          'zip_bomb',
          `XLSX 解压后超过 ${formatMb(limits.maxInflatedBytes)}，拒绝处理（可能是压缩炸弹）`,
          `the XLSX unpacks to more than ${formatMb(limits.maxInflatedBytes)} and is refused (it may be a zip bomb)`,
        );
      zip.on('error', () =>
        fail(
          new ImportFileError(
            'not_a_spreadsheet',
            '文件已损坏：压缩包不完整或无法读取',
            'the file is damaged: the archive is incomplete or unreadable',
          ),
        ),
      );
      zip.on('end', () => resolve());
      zip.on('entry', (entry: yauzl.Entry) => {
        entries++;
        if (entries > limits.maxZipEntries)
          return fail(
            new ImportFileError(
              'zip_bomb',
              `XLSX 内含文件过多（超过 ${limits.maxZipEntries} 个）`,
              `the XLSX holds too many files (more than ${limits.maxZipEntries})`,
            ),
          );
        if (inflated + entry.uncompressedSize > limits.maxInflatedBytes) return fail(bomb());
        if (entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream)
            return fail(
              new ImportFileError(
                'not_a_spreadsheet',
                `文件已损坏：${entry.fileName} 无法解压`,
                `the file is damaged: ${entry.fileName} cannot be unpacked`,
              ),
            );
          stream.on('data', (chunk: Buffer) => {
            inflated += chunk.length;
            if (inflated > limits.maxInflatedBytes) {
              stream.destroy();
              fail(bomb());
            }
          });
          stream.on('error', () =>
            fail(
              new ImportFileError(
                'not_a_spreadsheet',
                '文件已损坏：压缩包中的文件无法解压',
                'the file is damaged: a file in the archive cannot be unpacked',
              ),
            ),
          );
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.readEntry();
    });
  });
}
