import { existsSync } from 'node:fs';
import { chartLabels } from '@bixue/charts';
import { saidOf } from '@bixue/domain';
import { unitNamesEn } from '@bixue/domain/unit-names-en';
import type { ExtractResult } from '@bixue/extract';
import type { Command } from 'commander';
import { type Lang, localeOf, sayIn, shownPeriod } from '../lang.ts';
import { CliInputError, globalOptions, output, userPath } from '../runtime.ts';

// loaded on use: the extractor's converter tables would slow every other command's start
const extractor = () => Promise.all([import('@bixue/extract'), import('@bixue/extract/node')]);

/** Reading reports needs no database: the extractor only proposes, a person confirms in the app. */
export function registerExtract(program: Command): void {
  program
    .command('extract')
    .argument('<files...>', 'work reports (.txt in UTF-8 or GB18030, .docx)')
    .description('propose facts from work reports; writes nothing')
    .action(async (files: string[], _o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      for (const f of files)
        if (!existsSync(userPath(f))) throw new CliInputError({ zh: `找不到文件 ${f}`, en: `No such file: ${f}` });
      const [, { extractFiles }] = await extractor();
      const results = await extractFiles(files.map(userPath)).catch((e: unknown) => {
        const { zh, en } = saidOf(e as Error);
        throw new CliInputError({ zh: `无法读取报告: ${zh}`, en: `Cannot read a report: ${en}` });
      });
      // `file` as the user typed it, not the resolved path
      const shown = results.map((r, i) => ({ ...r, file: files[i]! }));
      output(opts, shown, (lang) => shown.map((r) => reportText(r, lang)).join('\n\n'));
    });

  program
    .command('extract-score')
    .argument('<dir>', 'a folder with labels.json and the reports it names')
    .description('precision, recall and F1 of the extractor against labelled reports')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      if (!existsSync(`${userPath(dir)}/labels.json`))
        throw new CliInputError({ zh: `${dir} 中没有 labels.json`, en: `No labels.json in ${dir}` });
      const [{ formatScore }, { scoreDirectory }] = await extractor();
      const score = await scoreDirectory(userPath(dir));
      output(opts, score, () => formatScore(score));
    });
}

/**
 * One report's proposals. In English the unit's name is romanised as the product names units
 * without an English name, and the Chinese sentence each figure came from is left to the JSON.
 */
function reportText(r: ExtractResult & { file: string }, lang: Lang): string {
  const en = lang === 'en';
  const unrecognised = sayIn(lang, { zh: '未识别', en: 'not recognised' });
  const period = r.period ? shownPeriod(lang, r.period) : unrecognised;
  const level = r.level ?? unrecognised;
  const unit =
    (r.unitName && en ? unitNamesEn({ name: r.unitName, name_en: null, short_name_en: null }).nameEn : r.unitName) ??
    unrecognised;
  const undisclosed = chartLabels(localeOf(lang)).status.undisclosed;
  return [
    sayIn(lang, {
      zh: `${r.file}: 报告期 ${period} · 层级 ${level} · 单位 ${unit}`,
      en: `${r.file}: period ${period} · level ${level} · unit ${unit}`,
    }),
    ...r.facts.map(
      (f) =>
        `  ${f.indicator.padEnd(24)} ${f.status === 'value' ? String(f.value) : undisclosed}\t(${f.confidence.toFixed(2)}) ${en ? `characters ${f.start}–${f.end}` : f.text.slice(0, 40)}`,
    ),
  ].join('\n');
}
