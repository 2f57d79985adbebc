import { levelSchema, settingsSchemas, unitCodeSchema } from '@bixue/domain';
import { z } from 'zod';
import {
  createPeerGroup,
  deletePeerGroup,
  deleteTarget,
  listPeerGroups,
  listTargets,
  provinceSettings,
  renamePeerGroup,
  saveTarget,
  setPeerGroupMembers,
  updateSetting,
} from '../services/admin.ts';
import { protectedProcedure, router } from '../trpc.ts';

const groupName = z.string().trim().min(1, '名称不能为空').max(40);
const id = z.number().int().positive();

/** 管理: admin only, within the admin's own province (checked in the services). */
export const adminRouter = router({
  targets: protectedProcedure.query(({ ctx }) => listTargets(ctx)),
  saveTarget: protectedProcedure
    .input(
      z.object({
        id: id.optional(),
        indicatorCode: z.string().min(1).max(63),
        level: levelSchema.nullable(),
        unitCode: unitCodeSchema.nullable(),
        year: z.number().int().min(2000).max(2100).nullable(),
        value: z.number().finite().min(0).max(1e7),
        perCapita: z.boolean(),
      }),
    )
    .mutation(({ ctx, input }) => saveTarget(ctx, input)),
  deleteTarget: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deleteTarget(ctx, input)),
  settings: protectedProcedure.query(({ ctx }) => provinceSettings(ctx)),
  setThresholds: protectedProcedure.input(settingsSchemas.status_thresholds).mutation(({ ctx, input }) => updateSetting(ctx, { key: 'status_thresholds', value: input })),
  setComposite: protectedProcedure.input(settingsSchemas.composite).mutation(({ ctx, input }) => updateSetting(ctx, { key: 'composite', value: input })),
  setAnonymisePeers: protectedProcedure.input(z.object({ value: settingsSchemas.anonymise_peers })).mutation(({ ctx, input }) => updateSetting(ctx, { key: 'anonymise_peers', value: input.value })),
  peerGroups: protectedProcedure.query(({ ctx }) => listPeerGroups(ctx)),
  createPeerGroup: protectedProcedure
    .input(z.object({ name: groupName, description: z.string().max(200).optional(), members: z.array(unitCodeSchema).max(2000).optional() }))
    .mutation(({ ctx, input }) => createPeerGroup(ctx, input)),
  renamePeerGroup: protectedProcedure
    .input(z.object({ id, name: groupName, description: z.string().max(200).optional() }))
    .mutation(({ ctx, input }) => renamePeerGroup(ctx, input)),
  deletePeerGroup: protectedProcedure.input(z.object({ id })).mutation(({ ctx, input }) => deletePeerGroup(ctx, input)),
  setPeerGroupMembers: protectedProcedure
    .input(z.object({ id, members: z.array(unitCodeSchema).max(2000) }))
    .mutation(({ ctx, input }) => setPeerGroupMembers(ctx, input)),
});
