import { unitCodeSchema } from '@bixue/domain';
import { z } from 'zod';
import { readablePeerGroups, unitInfo, unitTree } from '../services/units.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const unitsRouter = router({
  tree: protectedProcedure.meta({ scope: { kind: 'self' } }).query(({ ctx }) => unitTree(ctx)),
  get: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' } })
    .input(z.object({ unit: unitCodeSchema }))
    .query(({ ctx, input }) => unitInfo(ctx, input.unit)),
  /** custom peer groups the caller may compare in; each one's analytics check it again */
  peerGroups: protectedProcedure.meta({ scope: { kind: 'self' } }).query(({ ctx }) => readablePeerGroups(ctx)),
});
