import { existsSync } from 'node:fs';
import type { Command } from 'commander';
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
      for (const f of files) if (!existsSync(userPath(f))) throw new CliInputError(`找不到文件 ${f}`);
      const [, { extractFiles }] = await extractor();
      const results = await extractFiles(files.map(userPath)).catch((e: unknown) => {
        throw new CliInputError(`无法读取报告: ${(e as Error).message}`);
      });
      // `file` as the user typed it, not the resolved path
      const shown = results.map((r, i) => ({ ...r, file: files[i]! }));
      output(opts, shown, () =>
        shown
          .map((r) =>
            [
              `${r.file}: 报告期 ${r.period ?? '未识别'} · 层级 ${r.level ?? '未识别'} · 单位 ${r.unitName ?? '未识别'}`,
              ...r.facts.map(
                (f) =>
                  `  ${f.indicator.padEnd(24)} ${f.status === 'value' ? String(f.value) : '未公开'}\t(${f.confidence.toFixed(2)}) ${f.text.slice(0, 40)}`,
              ),
            ].join('\n'),
          )
          .join('\n\n'),
      );
    });

  program
    .command('extract-score')
    .argument('<dir>', 'a folder with labels.json and the reports it names')
    .description('precision, recall and F1 of the extractor against labelled reports')
    .action(async (dir: string, _o: unknown, cmd: Command) => {
      const opts = globalOptions(cmd);
      if (!existsSync(`${userPath(dir)}/labels.json`)) throw new CliInputError(`${dir} 中没有 labels.json`);
      const [{ formatScore }, { scoreDirectory }] = await extractor();
      const score = await scoreDirectory(userPath(dir));
      output(opts, score, () => formatScore(score));
    });
}
