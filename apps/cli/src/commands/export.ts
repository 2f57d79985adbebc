import { writeFile } from 'node:fs/promises';
import { CHART_KINDS, DEFAULT_SIZE, EXPORT_FORMATS, SLIDE_SIZES } from '@bixue/export/options';
import { saidOf } from '@bixue/domain';
import { TRPCError } from '@trpc/server';
import { type Command, Option } from 'commander';
import { type Lang, sayIn } from '../lang.ts';
import { CliInputError, globalOptions, output, userPath, withContext } from '../runtime.ts';

interface ExportOptions {
  chart: string;
  unit?: string;
  indicator?: string;
  window: string;
  group?: string;
  format: string;
  size: string;
  out: string;
  today?: string;
  page?: string;
  perMember?: boolean;
  version?: string;
}

/** What the procedures refuse (bad value, unknown unit, out of scope) is bad input: exit 1. */
const INPUT_CODES = new Set(['BAD_REQUEST', 'NOT_FOUND', 'FORBIDDEN']);

export function registerExport(program: Command, helpLang: Lang): void {
  const what = 'a chart as the web app downloads it: PNG (2× pixels), SVG, XLSX, CSV or PPTX';
  program
    .command('export')
    .description(sayIn(helpLang, { zh: `${what} (导出)`, en: what }))
    .addOption(new Option('--chart <chart>', 'which chart').choices(CHART_KINDS).makeOptionMandatory())
    .option('--unit <code>', 'the unit (trend, benchmark, composite, gaps); highlighted in ranking and heatmap')
    .option('--indicator <code>', 'indicator code (trend; ranking: default composite)')
    .requiredOption('--window <period>', '2024, 2024H1, 2024Q3 or 2024-07')
    .option(
      '--group <group>',
      'siblings:CODE, level:LEVEL@CODE or group:NAME (ranking, heatmap; else the unit’s siblings)',
    )
    .addOption(new Option('--format <format>', 'file format').choices(EXPORT_FORMATS).makeOptionMandatory())
    .addOption(
      new Option('--size <size>', 'slide size of PNG and SVG').choices(Object.keys(SLIDE_SIZES)).default(DEFAULT_SIZE),
    )
    .requiredOption('--out <file>', 'where to write the file')
    .option('--today <date>', 'YYYY-MM-DD for pro-rating a running window (default: today)')
    .option(
      '--page <n>',
      'ranking, heatmap of more than 25 units: which page of 25 the image shows (default: the unit’s); benchmark: which page of categories',
    )
    .option('--per-member', 'ranking, composite: per party member')
    .option('--version <n>', 'draw from the facts as they stood at the province’s data version N (default: now)')
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as ReturnType<typeof globalOptions> & ExportOptions;
      const { chart, unit, indicator, window, group, format, size, today, page, lang, version } = opts;
      const perMember = opts.perMember ? 'true' : undefined;
      const req = { chart, unit, indicator, window, group, format, size, today, page, lang, perMember, version };
      // the renderers load only when a file is drawn
      const { exportChart } = await import('@bixue/export');
      const file = await withContext(opts, (ctx) =>
        exportChart(ctx, req).catch((e: unknown) => {
          throw e instanceof TRPCError && INPUT_CODES.has(e.code) ? new CliInputError(saidOf(e)) : e;
        }),
      );
      const path = userPath(opts.out);
      await writeFile(path, file.bytes);
      const result = {
        ok: true,
        file: path,
        bytes: file.bytes.length,
        width: file.width,
        height: file.height,
        filename: file.filename,
      };
      const bytes = file.bytes.length.toLocaleString('en-US');
      const pixels = file.width ? `${file.width}×${file.height}` : '';
      output(opts, result, () => ({
        zh: `已导出 ${path}（${bytes} 字节${pixels && `，${pixels}`}）`,
        en: `Exported ${path} (${bytes} bytes${pixels && `, ${pixels}`})`,
      }));
    });
}
