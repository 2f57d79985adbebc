import {
  checkMessage,
  levelSchema,
  phasingSchema,
  plausibleBoundSchema,
  settingsSchemas,
  unitCodeSchema,
} from '@bixue/domain';
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
  setPlausibleBound,
  updateSetting,
} from '../services/admin.ts';
import { indicatorCodeSchema } from '../services/analytics/inputs.ts';
import { protectedProcedure, router } from '../trpc.ts';

const groupName = z
  .string()
  .trim()
  .min(1, checkMessage({ zh: '名称不能为空', en: 'The name is empty' }))
  .max(40);
const id = z.number().int().positive();
/** why a target changed: kept in its audit row and shown in the versions' diff */
const changeReason = z.string().trim().max(500).optional();

/** 管理: admin only, within the admin's own province (checked in the services). */
export const adminRouter = router({
  targets: protectedProcedure.meta({ scope: { kind: 'self', access: 'admin' } }).query(({ ctx }) => listTargets(ctx)),
  saveTarget: protectedProcedure
    .meta({
      scope: [
        { kind: 'self', access: 'admin' },
        { kind: 'unit', field: 'unitCode', access: 'admin', optional: true },
      ],
      example: { indicatorCode: 'party_lecture', level: null, year: 2026, value: 5, perCapita: false },
    })
    .input(
      z.object({
        id: id.optional(),
        indicatorCode: z.string().min(1).max(63),
        level: levelSchema.nullable(),
        unitCode: unitCodeSchema.nullable(),
        year: z.number().int().min(2000).max(2100).nullable(),
        value: z.number().finite().min(0).max(1e7),
        perCapita: z.boolean(),
        phasing: phasingSchema.optional(),
        reason: changeReason,
      }),
    )
    .mutation(({ ctx, input }) => saveTarget(ctx, input)),
  deleteTarget: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'admin' }, example: { id: 999999 } })
    .input(z.object({ id, reason: changeReason }))
    .mutation(({ ctx, input }) => deleteTarget(ctx, input)),
  settings: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'admin' } })
    .query(({ ctx }) => provinceSettings(ctx)),
  setThresholds: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'admin' }, example: { green: 1, yellow: 0.8 } })
    .input(settingsSchemas.status_thresholds)
    .mutation(({ ctx, input }) => updateSetting(ctx, { key: 'status_thresholds', value: input })),
  setComposite: protectedProcedure
    .meta({
      scope: { kind: 'self', access: 'admin' },
      example: { cap: 1.2, indicatorWeights: {}, categoryWeights: {} },
    })
    .input(settingsSchemas.composite)
    .mutation(({ ctx, input }) => updateSetting(ctx, { key: 'composite', value: input })),
  setAnonymisePeers: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'admin' }, example: { value: false } })
    .input(z.object({ value: settingsSchemas.anonymise_peers }))
    .mutation(({ ctx, input }) => updateSetting(ctx, { key: 'anonymise_peers', value: input.value })),
  /** k-anonymity: how many units besides the viewer's own a peer statistic needs (domain settings) */
  setPeerMinOthers: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'admin' }, example: { value: 3 } })
    .input(z.object({ value: settingsSchemas.peer_min_others }))
    .mutation(({ ctx, input }) => updateSetting(ctx, { key: 'peer_min_others', value: input.value })),
  /** one indicator's plausible bound for the province; null: the catalog's again */
  setPlausibleBound: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'admin' }, example: { indicator: 'party_lecture', value: 80 } })
    .input(
      z.object({
        indicator: indicatorCodeSchema,
        value: plausibleBoundSchema.nullable(),
      }),
    )
    .mutation(({ ctx, input }) => setPlausibleBound(ctx, input)),
  setDataAsOf: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'admin' }, example: { value: '2026-09' } })
    .input(z.object({ value: settingsSchemas.data_as_of }))
    .mutation(({ ctx, input }) => updateSetting(ctx, { key: 'data_as_of', value: input.value })),
  peerGroups: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'admin' } })
    .query(({ ctx }) => listPeerGroups(ctx)),
  createPeerGroup: protectedProcedure
    .meta({ scope: { kind: 'units', field: 'members', access: 'admin' }, example: { name: '测试组' } })
    .input(
      z.object({
        name: groupName,
        description: z.string().max(200).optional(),
        members: z.array(unitCodeSchema).max(2000).optional(),
      }),
    )
    .mutation(({ ctx, input }) => createPeerGroup(ctx, input)),
  renamePeerGroup: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'admin' }, example: { id: 999999, name: '测试组' } })
    .input(z.object({ id, name: groupName, description: z.string().max(200).optional() }))
    .mutation(({ ctx, input }) => renamePeerGroup(ctx, input)),
  deletePeerGroup: protectedProcedure
    .meta({ scope: { kind: 'self', access: 'admin' }, example: { id: 999999 } })
    .input(z.object({ id }))
    .mutation(({ ctx, input }) => deletePeerGroup(ctx, input)),
  setPeerGroupMembers: protectedProcedure
    .meta({ scope: { kind: 'units', field: 'members', access: 'admin' }, example: { id: 999999 } })
    .input(z.object({ id, members: z.array(unitCodeSchema).max(2000) }))
    .mutation(({ ctx, input }) => setPeerGroupMembers(ctx, input)),
});
