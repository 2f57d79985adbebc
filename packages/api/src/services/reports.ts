import { type Database, type FactInput, type FactProblem } from '@bixue/db';
import {
  absMonthOfDate,
  calendarToday,
  checkMessage,
  type CoarseConflict,
  type FinerUnderCoarse,
  parsePeriod,
  periodLabel,
} from '@bixue/domain';
import { type ExtractResult, extractReport } from '@bixue/extract';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { writeFactsAs } from '../audited-writes.ts';
import type { ApiContext } from '../context.ts';
import { InputError, NotFoundError } from '../errors.ts';
import { coarseChoiceFields, plannedSpans, validateBeforeChoice, weighCoarse } from './coarse-choice.ts';
import { decodeReportInWorker } from '../parsing/pool.ts';
import { DOCX_LIMITS } from '../parsing/tasks.ts';
import { readableUnit, requirePrincipal, scopeRoots, writableUnit } from '../scope.ts';

/** Work reports are a few pages; 10 MB leaves room for a .docx with pictures. */
export const MAX_REPORT_BYTES = 10 * 1024 * 1024;
/**
 * Bounded work: a work report runs to a few ten thousand characters; extraction is linear but not
 * cheap (330,000 characters took 5.7 s of the event loop), so more is refused before it starts.
 */
export const MAX_REPORT_CHARS = 100_000;
export const decodeInput = z.object({
  fileName: z
    .string()
    .min(1)
    .max(255)
    .regex(
      /\.(txt|docx)$/i,
      checkMessage({ zh: '只支持 .txt 和 .docx 文件', en: 'Only .txt and .docx files are read' }),
    ),
  base64: z
    .string()
    .max(
      Math.ceil((MAX_REPORT_BYTES * 4) / 3) + 4,
      checkMessage({ zh: '文件超过 10 MB', en: 'The file is larger than 10 MB' }),
    ),
});

export async function decodeReportFile(
  ctx: ApiContext,
  input: z.infer<typeof decodeInput>,
  signal?: AbortSignal,
): Promise<{ text: string }> {
  requirePrincipal(ctx);
  const out = await decodeReportInWorker(Buffer.from(input.base64, 'base64'), input.fileName, signal);
  if (out.kind === 'refused')
    throw new InputError(
      out.code === 'zip_bomb'
        ? {
            zh: `${input.fileName}: 解压后超过 ${DOCX_LIMITS.maxInflatedBytes / 1024 / 1024} MB 或内含文件过多，拒绝处理（可能是压缩炸弹）`,
            en: `${input.fileName}: refused: it unpacks to more than ${DOCX_LIMITS.maxInflatedBytes / 1024 / 1024} MB or holds too many files (possibly a zip bomb)`,
          }
        : { zh: `${input.fileName}: 不是有效的 .docx 文件`, en: `${input.fileName}: not a valid .docx file` },
    );
  if (out.kind === 'unreadable')
    throw new InputError({
      zh: `${input.fileName}: 无法读取该文件（${out.message}）`,
      en: `${input.fileName}: the file cannot be read (${out.message})`,
    });
  if (!out.text.trim())
    throw new InputError({
      zh: `${input.fileName}: 文件中没有文字`,
      en: `${input.fileName}: the file contains no text`,
    });
  if (out.text.length > MAX_REPORT_CHARS)
    throw new InputError({
      zh: `${input.fileName}: 文字超过 ${MAX_REPORT_CHARS} 字`,
      en: `${input.fileName}: the text is longer than ${MAX_REPORT_CHARS} characters`,
    });
  return { text: out.text };
}

export const proposeInput = z.object({
  text: z
    .string()
    .min(1, checkMessage({ zh: '报告内容为空', en: 'The report is empty' }))
    .max(MAX_REPORT_CHARS),
});

export interface Proposal extends ExtractResult {
  /** the visible unit whose name the report states, when exactly one matches */
  suggestedUnit: { code: string; name: string } | null;
}

export async function proposeReportFacts(ctx: ApiContext, input: z.infer<typeof proposeInput>): Promise<Proposal> {
  requirePrincipal(ctx);
  const result = extractReport(input.text);
  return { ...result, suggestedUnit: await suggestUnit(ctx, result.unitName) };
}

async function suggestUnit(ctx: ApiContext, unitName: string | null): Promise<Proposal['suggestedUnit']> {
  const roots = await scopeRoots(ctx);
  // a reporter's report is about its own unit whatever it calls itself
  if (roots.length === 1 && roots[0]!.level === 'county') return { code: roots[0]!.code, name: roots[0]!.name };
  if (!unitName) return null;
  const bare = unitName.replace(/气象局$/, '');
  const matches = await ctx.db
    .selectFrom('units')
    .select(['code', 'name'])
    .where((eb) => eb.or(roots.map((r) => eb('path', 'like', `${r.path}%`))))
    .where((eb) =>
      eb.or([eb('name', '=', unitName), eb('short_name', '=', bare), eb('name', 'like', `%${bare}气象局`)]),
    )
    .limit(2)
    .execute();
  return matches.length === 1 ? matches[0]! : null;
}

export const saveInput = z.object({
  unitCode: z
    .string()
    .max(6)
    .regex(/^\d{6}$/, checkMessage({ zh: '单位代码应为6位数字', en: 'A unit code is 6 digits' })),
  period: z.string().max(10),
  fileName: z.string().min(1).max(255),
  text: z.string().min(1).max(MAX_REPORT_CHARS),
  facts: z
    .array(
      z.object({
        indicator: z.string().max(64),
        status: z.enum(['value', 'undisclosed']),
        value: z
          .number()
          .finite()
          .min(0, checkMessage({ zh: '数值不能为负', en: 'A value cannot be negative' }))
          .nullable(),
        start: z.number().int().min(0),
        end: z.number().int().min(0),
      }),
    )
    .min(1, checkMessage({ zh: '没有要保存的数据', en: 'There is nothing to save' }))
    .max(200),
  acceptWarnings: z.boolean().default(false),
  // a report's figures over finer facts, or under a stored coarse fact, that disagree
  ...coarseChoiceFields,
});

export interface SaveResult {
  /** false: figures disagree with finer facts and the person has not chosen; nothing was stored */
  saved: boolean;
  documentId: number | null;
  inserted: number;
  updated: number;
  unchanged: number;
  conflicts: CoarseConflict[];
  /** stored coarse facts over the report's figures that disagree: the coarse one counts unless replaced */
  underCoarse: FinerUnderCoarse[];
}

/** Confirmed proposals become facts with source `report`, pointing at the stored document and sentence. */
export async function saveReportFacts(ctx: ApiContext, input: z.infer<typeof saveInput>): Promise<SaveResult> {
  const p = requirePrincipal(ctx);
  await writableUnit(ctx, input.unitCode);
  const period = parsePeriod(input.period);
  if (period.startMonth > absMonthOfDate(calendarToday()))
    throw new InputError(
      { zh: `报告期 ${period.code} 尚未开始`, en: `Period ${periodLabel(period, 'en')} has not started yet` },
      'period',
    );
  const derived = await derivedCodes(ctx.db);
  const aggregations = new Map(
    (await ctx.db.selectFrom('indicators').select(['code', 'aggregation']).execute()).map((r) => [
      r.code,
      r.aggregation,
    ]),
  );
  input.facts.forEach((f, i) => {
    const where = `第${i + 1}条 (${f.indicator})`;
    const whereEn = `Item ${i + 1} (${f.indicator})`;
    if (!aggregations.has(f.indicator))
      throw new InputError({ zh: `${where}: 未知指标`, en: `${whereEn}: unknown indicator` }, 'indicator');
    if (derived.has(f.indicator))
      throw new InputError(
        {
          zh: `${where}: 派生指标由其组成部分计算，不能直接保存`,
          en: `${whereEn}: a derived indicator is calculated from its parts and cannot be saved directly`,
        },
        'indicator',
      );
    if ((f.status === 'value') !== (f.value !== null))
      throw new InputError(
        { zh: `${where}: 数值与状态不一致`, en: `${whereEn}: the value does not match the status` },
        'value',
      );
    if (f.end <= f.start || f.end > input.text.length)
      throw new InputError(
        { zh: `${where}: 原文位置超出报告范围`, en: `${whereEn}: the quoted position lies outside the report` },
        'start',
      );
  });
  const inputsOf = (facts: typeof input.facts, documentId: number | null): FactInput[] =>
    facts.map((f) => ({
      unitCode: input.unitCode,
      indicatorCode: f.indicator,
      period: period.code,
      value: f.value,
      status: f.status,
      documentId,
      spanStart: f.start,
      spanEnd: f.end,
      sourceText: input.text.slice(f.start, f.end),
    }));
  const describe = (problem: FactProblem) =>
    new InputError(
      {
        zh: `第${problem.index + 1}条 (${problem.indicatorCode}): ${problem.message}`,
        en: `Item ${problem.index + 1} (${problem.indicatorCode}): ${problem.messageEn}`,
      },
      'value',
    );
  return ctx.db.transaction().execute(async (trx): Promise<SaveResult> => {
    // a 上半年总结 over months that sum to something else changes what is shown: the person chooses
    // and the reverse: a 3月 report under a stored 上半年 figure that keeps counting
    const weighed = await weighCoarse(trx, plannedSpans(inputsOf(input.facts, null), aggregations), input);
    const { conflicts, underCoarse } = weighed;
    if (weighed.undecided) {
      await validateBeforeChoice(trx, inputsOf(input.facts, null), input.acceptWarnings, describe);
      return { saved: false, documentId: null, inserted: 0, updated: 0, unchanged: 0, conflicts, underCoarse };
    }
    const facts = input.facts.filter((f) =>
      weighed.keep({ unitCode: input.unitCode, indicatorCode: f.indicator, period: period.code }),
    );
    const doc = await trx
      .insertInto('documents')
      .values({
        unit_code: input.unitCode,
        file_name: input.fileName,
        period: period.code,
        body: input.text,
        uploaded_by: p.username,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const written = await writeFactsAs(
      { ...ctx, db: trx },
      // replace_coarse: the stored coarse facts go through the same write, so the report's figures count
      [...inputsOf(facts, doc.id), ...weighed.removals(facts.map((f) => ({ indicatorCode: f.indicator })))],
      { source: 'report', batchId: `report-${doc.id}`, acceptWarnings: input.acceptWarnings },
      describe,
    );
    return {
      saved: true,
      documentId: doc.id,
      inserted: written.inserted,
      updated: written.updated,
      unchanged: written.unchanged,
      conflicts,
      underCoarse,
    };
  });
}

async function derivedCodes(db: Kysely<Database>): Promise<Set<string>> {
  const rows = await db.selectFrom('indicators').select('code').where('formula', 'is not', null).execute();
  return new Set(rows.map((r) => r.code));
}

export const unitPeriodInput = z.object({
  unitCode: z
    .string()
    .max(6)
    .regex(/^\d{6}$/),
  period: z.string().max(10),
});

/** The facts stored for a unit and period, with where each came from. */
export async function unitPeriodFacts(ctx: ApiContext, input: z.infer<typeof unitPeriodInput>) {
  await readableUnit(ctx, input.unitCode);
  const period = parsePeriod(input.period);
  return ctx.db
    .selectFrom('facts')
    .innerJoin('indicators', 'indicators.code', 'facts.indicator_code')
    .select([
      'facts.indicator_code as indicator',
      'indicators.name_zh as nameZh',
      'indicators.name_en as nameEn',
      'indicators.unit as measure',
      'facts.value',
      'facts.status',
      'facts.source',
      'facts.document_id as documentId',
      'facts.span_start as spanStart',
      'facts.span_end as spanEnd',
      'facts.source_text as sourceText',
      'facts.updated_by as updatedBy',
      'facts.version',
    ])
    .where('facts.unit_code', '=', input.unitCode)
    .where('facts.period', '=', period.code)
    .orderBy('indicators.sort_order')
    .execute();
}

export const documentInput = z.object({
  unitCode: z
    .string()
    .max(6)
    .regex(/^\d{6}$/),
  documentId: z.number().int().positive(),
});

/** A stored report, so a fact can link back to the sentence it came from. */
export async function reportDocument(ctx: ApiContext, input: z.infer<typeof documentInput>) {
  await readableUnit(ctx, input.unitCode);
  const doc = await ctx.db
    .selectFrom('documents')
    .select([
      'id',
      'unit_code as unitCode',
      'file_name as fileName',
      'period',
      'body',
      'uploaded_by as uploadedBy',
      'uploaded_at as uploadedAt',
    ])
    .where('unit_code', '=', input.unitCode)
    .where('id', '=', input.documentId)
    .executeTakeFirst();
  if (!doc)
    throw new NotFoundError({ zh: `报告 ${input.documentId} 不存在`, en: `Report ${input.documentId} does not exist` });
  return doc;
}
