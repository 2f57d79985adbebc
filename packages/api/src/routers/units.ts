import { checkMessage, levelSchema, unitCodeSchema, unitNameEnSchema, unitNameSchema } from '@bixue/domain';
import { z } from 'zod';
import { setUnitNameEn } from '../services/unit-names.ts';
import { importUnits, importUnitsCsv } from '../services/units-import.ts';
import { readablePeerGroups, unitInfo, unitTree } from '../services/units.ts';
import { protectedProcedure, router } from '../trpc.ts';

/** An English name as typed: blank clears it (shown romanised again). */
const englishName = (max: number) =>
  unitNameEnSchema(max)
    .nullable()
    .transform((s) => (s ? s : null));

export const unitsRouter = router({
  tree: protectedProcedure.meta({ scope: { kind: 'self' } }).query(({ ctx }) => unitTree(ctx)),
  get: protectedProcedure
    .meta({ scope: { kind: 'unit', field: 'unit' } })
    .input(z.object({ unit: unitCodeSchema }))
    .query(({ ctx, input }) => unitInfo(ctx, input.unit)),
  /** custom peer groups the caller may compare in; each one's analytics check it again */
  peerGroups: protectedProcedure.meta({ scope: { kind: 'self' } }).query(({ ctx }) => readablePeerGroups(ctx)),
  /**
   * contracts.md `units import` over the API: `code,name,level,parent_code[,name_en]` rows, parents first,
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
              name: unitNameSchema,
              level: levelSchema,
              parent_code: unitCodeSchema.nullable(),
              /** as the CSV's column: left as stored when not given or blank */
              name_en: unitNameEnSchema(200).optional(),
            }),
          )
          .min(1)
          .max(5000),
      }),
    )
    .mutation(({ ctx, input }) =>
      importUnits(
        ctx,
        input.units.map(({ name_en, ...u }) => (name_en ? { ...u, nameEn: name_en } : u)),
      ),
    ),
  /**
   * 管理 → 单位: a units CSV as text (contracts.md's columns). Without `commit` a preview that writes
   * nothing: every row with what it will do, every problem by row and column. With it, all or
   * nothing, and nothing when there is any problem. Admin only, checked by the service per row.
   */
  importCsv: protectedProcedure
    .meta({
      scope: { kind: 'self', access: 'admin' },
      example: { csv: 'code,name,level,parent_code\n990199,矩阵测试县气象局,county,990198\n', commit: false },
    })
    .input(
      z.object({
        csv: z.string().max(1_000_000, checkMessage({ zh: 'CSV 文件不能超过 1 MB', en: 'A CSV file is at most 1 MB' })),
        commit: z.boolean().default(false),
      }),
    )
    .mutation(({ ctx, input }) => importUnitsCsv(ctx, input.csv, { commit: input.commit })),
  /**
   * 管理 → 单位: a unit's English names, shown in English pages, charts and files instead of the
   * romanised ones; null or blank clears one. Admin only, inside the admin's scope (the service
   * checks the unit again on the server).
   */
  setNameEn: protectedProcedure
    .meta({
      scope: { kind: 'unit', field: 'unit', access: 'admin' },
      example: { nameEn: 'Nanping City Bureau', shortNameEn: 'Nanping' },
    })
    .input(
      z.object({
        unit: unitCodeSchema,
        nameEn: englishName(200),
        shortNameEn: englishName(100).default(null),
      }),
    )
    .mutation(({ ctx, input }) => setUnitNameEn(ctx, input)),
});
