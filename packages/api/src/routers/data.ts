import { unitCodeSchema } from '@bixue/domain';
import { z } from 'zod';
import { coarseChoiceFields } from '../services/coarse-choice.ts';
import { entryForm, factChanges, saveEntry } from '../services/entry.ts';
import { commitUpload, discardUpload, importTemplate, uploadProgress } from '../services/import.ts';
import { protectedProcedure, router } from '../trpc.ts';

const period = z.string().trim().min(4).max(7);
const indicatorCode = z
  .string()
  .max(63)
  .regex(/^[a-z][a-z0-9_]{1,62}$/);
const uploadId = z.object({
  uploadId: z
    .string()
    .max(32)
    .regex(/^[0-9a-f]{32}$/),
});

/** 数据填报: the file itself is POSTed to /upload/import (raw body); these take it from there. */
export const dataRouter = router({
  template: protectedProcedure
    .meta({
      scope: { kind: 'unit', field: 'unitCode', access: 'write', optional: true },
      example: { period: '2025H1' },
    })
    .input(z.object({ period, unitCode: unitCodeSchema.optional() }))
    .query(async ({ ctx, input }) => {
      const t = await importTemplate(ctx, input);
      return { fileName: t.fileName, base64: t.bytes.toString('base64') };
    }),
  importCommit: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'write' }, example: { uploadId: '0123456789abcdef0123456789abcdef' } })
    .input(
      uploadId.extend({
        acceptWarnings: z.boolean().default(false),
        // coarse facts over finer ones that disagree: leave them out, or write them over
        conflicts: z.enum(['keep_finer', 'replace']).optional(),
        // stored coarse facts over the file's finer rows that disagree: keep them counting, or remove them
        underCoarse: z.enum(['keep_coarse', 'replace_coarse']).optional(),
      }),
    )
    .mutation(({ ctx, input }) =>
      commitUpload(ctx, input.uploadId, {
        acceptWarnings: input.acceptWarnings,
        conflicts: input.conflicts,
        underCoarse: input.underCoarse,
      }),
    ),
  importDiscard: protectedProcedure
    // a file nobody imported: no answer is drawn from it
    .meta({
      scope: { kind: 'self', access: 'write' },
      answersUnchanged: true,
      example: { uploadId: '0123456789abcdef0123456789abcdef' },
    })
    .input(uploadId)
    .mutation(({ ctx, input }) => discardUpload(ctx, input.uploadId)),
  importProgress: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'write' }, example: { uploadId: '0123456789abcdef0123456789abcdef' } })
    .input(uploadId)
    .query(({ ctx, input }) => uploadProgress(ctx, input.uploadId)),
  entryForm: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unitCode' }, example: { period: '2025H1' } })
    .input(z.object({ unitCode: unitCodeSchema, period }))
    .query(({ ctx, input }) => entryForm(ctx, input)),
  saveEntry: protectedProcedure
    .meta({
      scope: { kind: 'unit', field: 'unitCode', access: 'write' },
      example: {
        period: '2025H1',
        changes: [{ indicatorCode: 'party_lecture', value: 2, status: 'value', expectedVersion: null }],
        // the demo's quarters of 2025H1 say otherwise: chosen, so the first writer's value is written
        conflicts: 'replace',
      },
    })
    .input(
      z.object({
        unitCode: unitCodeSchema,
        period,
        changes: z
          .array(
            z.object({
              indicatorCode,
              value: z.number().finite().nullable(),
              // missing: remove the stored fact
              status: z.enum(['value', 'undisclosed', 'missing']),
              expectedVersion: z.number().int().positive().nullable(),
            }),
          )
          .min(1)
          .max(200),
        acceptWarnings: z.boolean().default(false),
        ...coarseChoiceFields,
      }),
    )
    .mutation(({ ctx, input }) => saveEntry(ctx, input)),
  history: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unitCode' }, example: { indicatorCode: 'party_lecture' } })
    .input(z.object({ unitCode: unitCodeSchema, indicatorCode }))
    .query(({ ctx, input }) => factChanges(ctx, input)),
});
