import { levelSchema, unitCodeSchema } from '@bixue/domain';
import { z } from 'zod';
import { importUnits, readablePeerGroups, unitInfo, unitTree } from '../services/units.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const unitsRouter = router({
  tree: protectedProcedure.meta({ scope: { kind: 'self' } }).query(({ ctx }) => unitTree(ctx)),
  get: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' } })
    .input(z.object({ unit: unitCodeSchema }))
    .query(({ ctx, input }) => unitInfo(ctx, input.unit)),
  /** custom peer groups the caller may compare in; each one's analytics check it again */
  peerGroups: protectedProcedure.meta({ scope: { kind: 'self' } }).query(({ ctx }) => readablePeerGroups(ctx)),
  /**
   * contracts.md `units import` over the API: `code,name,level,parent_code` rows, parents first,
   * all or nothing. Admin only; the service checks each row's unit and parent against the scope
   * (a parent may come in the same batch) and lets only the operator create a province.
   */
  import: protectedProcedure
    .meta({
      scope: { kind: 'self', access: 'admin' },
      // a county under a city nobody has: the admin's call reaches the service, which finds no parent
      example: { units: [{ code: '990199', name: '矩阵测试县气象局', level: 'county', parent_code: '990198' }] },
    })
    .input(
      z.object({
        units: z
          .array(
            z.object({
              code: unitCodeSchema,
              name: z.string().trim().min(1, '单位名称不能为空').max(100),
              level: levelSchema,
              parent_code: unitCodeSchema.nullable(),
            }),
          )
          .min(1)
          .max(5000),
      }),
    )
    .mutation(({ ctx, input }) => importUnits(ctx, input.units)),
});
