import {
  decodeInput,
  decodeReportFile,
  documentInput,
  proposeInput,
  proposeReportFacts,
  reportDocument,
  saveInput,
  saveReportFacts,
  unitPeriodFacts,
  unitPeriodInput,
} from '../services/reports.ts';
import { protectedProcedure, router } from '../trpc.ts';

// decode and propose change nothing but carry whole reports, so they travel as POST bodies
export const reportsRouter = router({
  decode: protectedProcedure
    .meta({ scope: { kind: 'self' }, answersUnchanged: true, example: { fileName: 'r.txt', base64: 'MjAyNOW5tA==' } })
    .input(decodeInput)
    .mutation(({ ctx, input, signal }) => decodeReportFile(ctx, input, signal)),
  propose: protectedProcedure
    .meta({ scope: { kind: 'self' }, answersUnchanged: true, example: { text: '2024年上半年召开党员大会2次。' } })
    .input(proposeInput)
    .mutation(({ ctx, input }) => proposeReportFacts(ctx, input)),
  save: protectedProcedure
    .meta({
      scope: { kind: 'unit', field: 'unitCode', access: 'write' },
      example: {
        period: '2024H1',
        fileName: 'r.txt',
        text: '召开党员大会2次。',
        facts: [{ indicator: 'members_congress', status: 'value', value: 2, start: 0, end: 9 }],
      },
    })
    .input(saveInput)
    .mutation(({ ctx, input }) => saveReportFacts(ctx, input)),
  facts: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unitCode' }, example: { period: '2024H1' } })
    .input(unitPeriodInput)
    .query(({ ctx, input }) => unitPeriodFacts(ctx, input)),
  document: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unitCode' }, example: { documentId: 1 } })
    .input(documentInput)
    .query(({ ctx, input }) => reportDocument(ctx, input)),
});
