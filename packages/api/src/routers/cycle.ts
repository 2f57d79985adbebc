import { settingsSchemas, TASK_STATES, unitCodeSchema } from '@bixue/domain';
import { z } from 'zod';
import { closePeriod, listPeriods, openPeriod } from '../services/cycle/periods.ts';
import { deliverWebhooks, dismissReminders, myCycle, remind, webhookLog } from '../services/cycle/reminders.ts';
import { reviewSubmission } from '../services/cycle/review.ts';
import { cycleSettings, setCycleSettings } from '../services/cycle/settings.ts';
import { approveTask, approveTasks, board, returnTask, submitTask, taskTrail } from '../services/cycle/tasks.ts';
import { protectedProcedure, router } from '../trpc.ts';

const period = z.string().trim().min(4).max(7);
const comment = z.string().max(500).optional();
/** the province, or any unit of it (its province is meant); the caller's own when absent */
const province = { kind: 'unit', field: 'province', optional: true } as const;
const indicatorList = z
  .array(
    z
      .string()
      .max(63)
      .regex(/^[a-z][a-z0-9_]{1,62}$/),
  )
  .max(100);

/**
 * 报送 (domain.md §9). Scope rules check the unit or province named; the services then check the
 * cycle's own rule — the unit acts on its task, its superior reviews it, an admin anything.
 */
export const cycleRouter = router({
  periods: protectedProcedure
    .meta({ scope: province })
    .input(z.object({ province: unitCodeSchema.optional() }))
    .query(({ ctx, input }) => listPeriods(ctx, input)),
  open: protectedProcedure
    .meta({ scope: { ...province, access: 'admin' }, example: { period: '2031Q1', due: '2031-04-10' } })
    .input(
      z.object({
        province: unitCodeSchema.optional(),
        period,
        due: z.string().max(10),
        required: z
          .object({
            province: indicatorList.optional(),
            city: indicatorList.optional(),
            county: indicatorList.optional(),
          })
          .optional(),
      }),
    )
    .mutation(({ ctx, input }) => openPeriod(ctx, input)),
  close: protectedProcedure
    .meta({ scope: { ...province, access: 'admin' }, example: { period: '2031Q1' } })
    .input(z.object({ province: unitCodeSchema.optional(), period }))
    .mutation(({ ctx, input }) => closePeriod(ctx, input)),
  board: protectedProcedure
    .meta({ scope: province, example: { period: '2026Q2' } })
    .input(z.object({ province: unitCodeSchema.optional(), period, state: z.enum(TASK_STATES).optional() }))
    .query(({ ctx, input }) => board(ctx, input)),
  submit: protectedProcedure
    .meta({ scope: { kind: 'task', field: 'unit', act: 'submit' }, example: { period: '2026Q2' } })
    .input(z.object({ unit: unitCodeSchema, period, comment }))
    .mutation(({ ctx, input }) => submitTask(ctx, input)),
  approve: protectedProcedure
    .meta({ scope: { kind: 'task', field: 'unit', act: 'review' }, example: { period: '2026Q2' } })
    .input(z.object({ unit: unitCodeSchema, period, comment }))
    .mutation(({ ctx, input }) => approveTask(ctx, input)),
  approveMany: protectedProcedure
    .meta({ scope: { kind: 'task', field: 'units', act: 'review', many: true }, example: { period: '2026Q2' } })
    .input(z.object({ units: z.array(unitCodeSchema).min(1).max(500), period, comment }))
    .mutation(({ ctx, input }) => approveTasks(ctx, input)),
  return: protectedProcedure
    .meta({ scope: { kind: 'task', field: 'unit', act: 'review' }, example: { period: '2026Q2', comment: '请核实' } })
    .input(z.object({ unit: unitCodeSchema, period, comment: z.string().max(500) }))
    .mutation(({ ctx, input }) => returnTask(ctx, input)),
  review: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' }, example: { period: '2026Q2' } })
    .input(z.object({ unit: unitCodeSchema, period }))
    .query(({ ctx, input }) => reviewSubmission(ctx, input)),
  trail: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' }, example: { period: '2026Q2' } })
    .input(z.object({ unit: unitCodeSchema, period }))
    .query(({ ctx, input }) => taskTrail(ctx, input)),
  remind: protectedProcedure
    .meta({ scope: { ...province, access: 'review' }, answersUnchanged: true, example: { period: '2026Q2' } })
    .input(
      z.object({
        province: unitCodeSchema.optional(),
        period,
        units: z.array(unitCodeSchema).max(500).optional(),
        message: z.string().max(300).optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const sent = await remind(ctx, input);
      // a first attempt at once; the server's timer retries what fails
      if (sent.webhookId !== null) await deliverWebhooks(ctx.db);
      return sent;
    }),
  webhooks: protectedProcedure
    .meta({ scope: { ...province, access: 'review' } })
    .input(z.object({ province: unitCodeSchema.optional() }))
    .query(({ ctx, input }) => webhookLog(ctx, input)),
  mine: protectedProcedure.meta({ scope: { kind: 'self' } }).query(({ ctx }) => myCycle(ctx)),
  dismissReminders: protectedProcedure
    .meta({ scope: { kind: 'self' }, answersUnchanged: true, example: { ids: [1] } })
    .input(z.object({ ids: z.array(z.number().int().positive()).min(1).max(100) }))
    .mutation(({ ctx, input }) => dismissReminders(ctx, input)),
  settings: protectedProcedure
    .meta({ scope: { ...province, access: 'admin' } })
    .input(z.object({ province: unitCodeSchema.optional() }))
    .query(({ ctx, input }) => cycleSettings(ctx, input)),
  setSettings: protectedProcedure
    .meta({ scope: { ...province, access: 'admin' }, example: { countUnapproved: false } })
    .input(
      z.object({
        province: unitCodeSchema.optional(),
        countUnapproved: settingsSchemas.count_unapproved.optional(),
        webhookUrl: settingsSchemas.reminder_webhook_url.optional(),
      }),
    )
    .mutation(({ ctx, input }) => setCycleSettings(ctx, input)),
});
