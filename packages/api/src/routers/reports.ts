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
  decode: protectedProcedure.input(decodeInput).mutation(({ ctx, input }) => decodeReportFile(ctx, input)),
  propose: protectedProcedure.input(proposeInput).mutation(({ ctx, input }) => proposeReportFacts(ctx, input)),
  save: protectedProcedure.input(saveInput).mutation(({ ctx, input }) => saveReportFacts(ctx, input)),
  facts: protectedProcedure.input(unitPeriodInput).query(({ ctx, input }) => unitPeriodFacts(ctx, input)),
  document: protectedProcedure.input(documentInput).query(({ ctx, input }) => reportDocument(ctx, input)),
});
