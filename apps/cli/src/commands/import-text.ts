import type { importFacts } from '@bixue/api';
import { chartLabels } from '@bixue/charts';
import { importProblemLabel, type Said } from '@bixue/domain';
import { counted, type Lang, localeOf, sayIn, shownPeriod } from '../lang.ts';

type ImportRun = Awaited<ReturnType<typeof importFacts>>;

interface ImportAsked {
  file: string;
  commit: boolean;
  choice: 'replace' | 'keep_finer';
  underChoice: 'keep_coarse' | 'replace_coarse';
}

/** A coarse figure and the finer ones inside it that disagree (conflicts and underCoarse alike). */
interface CoarseLine {
  row: number;
  unitCode: string;
  indicatorCode: string;
  period: string;
  value: number;
  finer: { periods: string[]; value: number; months: number; of: number };
}

/** "第3行 880101 seminar 2025H1 = 5，其中 2025-01、2025-02 合计 3（覆盖 2/6 月）" */
function coarseLine(lang: Lang, c: CoarseLine): string {
  if (lang === 'zh')
    return `  第${c.row}行 ${c.unitCode} ${c.indicatorCode} ${c.period} = ${c.value}，其中 ${c.finer.periods.join('、')} 合计 ${c.finer.value}（覆盖 ${c.finer.months}/${c.finer.of} 月）`;
  const period = (code: string) => shownPeriod(lang, code);
  return `  Row ${c.row} ${c.unitCode} ${c.indicatorCode} ${period(c.period)} = ${c.value}; ${c.finer.periods.map(period).join(', ')} inside it sum to ${c.finer.value} (${chartLabels('en').partial(c.finer.months, c.finer.of)} covered)`;
}

/** What was chosen for coarse and finer figures that disagree, then each of them; nothing when none do. */
const disagreeing = (lang: Lang, lines: readonly CoarseLine[], chosen: Said): string[] =>
  lines.length ? [sayIn(lang, chosen), ...lines.map((c) => coarseLine(lang, c))] : [];

/** An import's printout: what it wrote or would write, what disagrees, every problem with its row. */
export function importText(run: ImportRun, asked: ImportAsked, lang: Lang): string {
  const { file } = asked;
  const head = run.ok
    ? asked.commit
      ? {
          zh: `已导入：新增 ${run.inserted}，更新 ${run.updated}，未变 ${run.unchanged}`,
          en: `Imported: ${run.inserted} added, ${run.updated} updated, ${run.unchanged} unchanged`,
        }
      : {
          zh: `检查通过（未写入，加 --commit 导入）：新增 ${run.inserted}，更新 ${run.updated}，未变 ${run.unchanged}`,
          en: `Checked, nothing written (add --commit to import): ${run.inserted} to add, ${run.updated} to update, ${run.unchanged} unchanged`,
        }
    : run.errors.length
      ? {
          zh: `${file}: ${run.errors.length} 个问题，未写入任何数据`,
          en: `${file}: ${counted(run.errors.length, 'problem')}, nothing written`,
        }
      : {
          zh: `${file}: ${run.warnings.length} 个数值超出合理范围，未写入任何数据；核实无误后加 --accept-warnings 导入`,
          en: `${file}: ${counted(run.warnings.length, 'value')} beyond the plausible bound, nothing written; once checked, add --accept-warnings to import them`,
        };
  const line = (e: (typeof run.errors)[number]) =>
    sayIn(lang, {
      zh: `  第${e.row}行 ${e.column || '(文件)'} [${importProblemLabel(e.code)}] ${e.message}`,
      en: `  Row ${e.row} ${e.column || '(file)'} [${importProblemLabel(e.code, localeOf(lang))}] ${e.messageEn}`,
    });
  const n = run.conflicts.length;
  const u = run.underCoarse.length;
  // a coarse figure over finer ones changes what is shown though no row is "updated": say so
  const conflicts = disagreeing(
    lang,
    run.conflicts,
    asked.choice === 'replace'
      ? {
          zh: `${n} 个较粗报告期的数与其中较细报告期的合计不一致，以较粗的数为准（--conflicts keep-finer 则保留较细的数）：`,
          en: `Figures of coarser periods that disagree with the sum of the finer periods inside them (${n}); the coarser figures count (--conflicts keep-finer keeps the finer ones):`,
        }
      : {
          zh: `${n} 个较粗报告期的数与其中较细报告期的合计不一致，保留较细的数，未写入较粗的数：`,
          en: `Figures of coarser periods that disagree with the sum of the finer periods inside them (${n}); the finer ones are kept, the coarser not written:`,
        },
  );
  // the reverse: finer rows under a stored coarse figure that keeps counting unless replaced
  const under = disagreeing(
    lang,
    run.underCoarse,
    asked.underChoice === 'keep_coarse'
      ? {
          zh: `${u} 个已有的较粗报告期的数与本次写入的较细报告期合计不一致，汇总仍以较粗的数为准（--under-coarse replace 则删除较粗的数）：`,
          en: `Stored figures of coarser periods that disagree with the sum of the finer periods written now (${u}); roll-ups still count the coarser figures (--under-coarse replace removes them):`,
        }
      : {
          zh: `${u} 个已有的较粗报告期的数与本次写入的较细报告期合计不一致，删除较粗的数，以较细的数为准：`,
          en: `Stored figures of coarser periods that disagree with the sum of the finer periods written now (${u}); the coarser figures are removed, the finer ones count:`,
        },
  );
  return [sayIn(lang, head), ...conflicts, ...under, ...run.errors.map(line), ...run.warnings.map(line)].join('\n');
}
