import { writeFile } from 'node:fs/promises';
import { BRIEF_FORMATS, parseChartSpecs } from '@bixue/export/options';
import { saidOf } from '@bixue/domain';
import { TRPCError } from '@trpc/server';
import { type Command, Option } from 'commander';
import { type Lang, sayIn } from '../lang.ts';
import { CliInputError, globalOptions, output, userPath, withContext } from '../runtime.ts';

interface BriefOptions {
  window: string;
  group?: string;
  charts: string;
  format: string;
  out: string;
  today?: string;
  version?: string;
}

/** What the procedures refuse (bad value, unknown unit, out of scope) is bad input: exit 1. */
const INPUT_CODES = new Set(['BAD_REQUEST', 'NOT_FOUND', 'FORBIDDEN']);

export function registerBrief(program: Command, helpLang: Lang): void {
  program
    .command('brief')
    .description(
      sayIn(helpLang, {
        zh: 'a briefing: several charts as one PPTX deck, a Word 通报 or a zip of PNGs (简报)',
        en: 'a briefing: several charts as one PPTX deck, a Word report or a zip of PNGs',
      }),
    )
    .requiredOption('--window <period>', '2024, 2024H1, 2024Q3 or 2024-07')
    .option('--group <group>', 'siblings:CODE, level:LEVEL@CODE or group:NAME (default: each chart’s own)')
    .requiredOption(
      '--charts <specs>',
      'comma-separated: ranking:INDICATOR|composite, heatmap, status-counts, movers, completeness, benchmark:UNIT, trend:UNIT:INDICATOR, composite:UNIT, gaps:UNIT, multiples:UNIT',
    )
    .addOption(new Option('--format <format>', 'file format').choices(BRIEF_FORMATS).makeOptionMandatory())
    .requiredOption('--out <file>', 'where to write the file')
    .option('--today <date>', 'YYYY-MM-DD for pro-rating a running window (default: today)')
    .option(
      '--version <n>',
      'draw every chart from the facts as they stood at the province’s data version N (default: now)',
    )
    .action(async (_o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd) as ReturnType<typeof globalOptions> & BriefOptions;
      const { briefFile } = await import('@bixue/export');
      const file = await withContext(opts, async (ctx) => {
        try {
          const items = parseChartSpecs(opts.charts, {
            window: opts.window,
            group: opts.group,
            today: opts.today,
            version: opts.version,
          });
          return await briefFile(ctx, { items, format: opts.format, lang: opts.lang });
        } catch (e) {
          throw e instanceof TRPCError && INPUT_CODES.has(e.code) ? new CliInputError(saidOf(e)) : e;
        }
      });
      const path = userPath(opts.out);
      await writeFile(path, file.bytes);
      const bytes = file.bytes.length.toLocaleString('en-US');
      output(opts, { ok: true, file: path, bytes: file.bytes.length, filename: file.filename }, () => ({
        zh: `已生成简报 ${path}（${bytes} 字节）`,
        en: `Briefing written to ${path} (${bytes} bytes)`,
      }));
    });
}
