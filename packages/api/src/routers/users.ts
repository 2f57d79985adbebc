import { checkMessage, roleSchema, unitCodeSchema, usernameSchema } from '@bixue/domain';
import { z } from 'zod';
import { MIN_PASSWORD_LENGTH } from '../services/password-policy.ts';
import {
  createUserInScope,
  listUsers,
  resetUserPassword,
  setUserDisabled,
  unlockUser,
  updateUser,
} from '../services/users.ts';
import { protectedProcedure, router } from '../trpc.ts';

export const newPasswordSchema = z
  .string()
  .min(
    MIN_PASSWORD_LENGTH,
    checkMessage({
      zh: `密码至少${MIN_PASSWORD_LENGTH}个字符`,
      en: `A password has at least ${MIN_PASSWORD_LENGTH} characters`,
    }),
  )
  .max(200, checkMessage({ zh: '密码最多200个字符', en: 'A password has at most 200 characters' }));
const displayNameSchema = z
  .string()
  .trim()
  .min(1, checkMessage({ zh: '姓名不能为空', en: 'The name is empty' }))
  .max(50, checkMessage({ zh: '姓名最多50个字符', en: 'A name has at most 50 characters' }));

const target = { kind: 'user', field: 'username' } as const;

/** User administration: admins, for users scoped inside their province. */
export const usersRouter = router({
  list: protectedProcedure.meta({ scope: { kind: 'self', access: 'admin' } }).query(({ ctx }) => listUsers(ctx)),

  create: protectedProcedure
    .meta({
      scope: { kind: 'unit', field: 'scopeUnitCode', access: 'admin' },
      example: { username: 'matrix-new', displayName: '新用户', password: 'new-password-1', role: 'reporter' },
    })
    .input(
      z.object({
        username: usernameSchema,
        displayName: displayNameSchema,
        password: newPasswordSchema,
        role: roleSchema,
        scopeUnitCode: unitCodeSchema,
      }),
    )
    .mutation(({ ctx, input }) => createUserInScope(ctx, input)),

  update: protectedProcedure
    .meta({
      scope: [target, { kind: 'unit', field: 'scopeUnitCode', access: 'admin', optional: true }],
      example: { displayName: '改名用户' },
    })
    .input(
      z.object({
        username: usernameSchema,
        displayName: displayNameSchema.optional(),
        role: roleSchema.optional(),
        scopeUnitCode: unitCodeSchema.optional(),
      }),
    )
    .mutation(({ ctx, input }) => updateUser(ctx, input)),

  setDisabled: protectedProcedure
    .meta({ scope: target, example: { disabled: false } })
    .input(z.object({ username: usernameSchema, disabled: z.boolean() }))
    .mutation(({ ctx, input }) => setUserDisabled(ctx, input.username, input.disabled)),

  unlock: protectedProcedure
    .meta({ scope: target, example: {} })
    .input(z.object({ username: usernameSchema }))
    .mutation(({ ctx, input }) => unlockUser(ctx, input.username)),

  resetPassword: protectedProcedure
    .meta({ scope: target, example: { password: 'reset-password-1' } })
    .input(z.object({ username: usernameSchema, password: newPasswordSchema }))
    .mutation(({ ctx, input }) => resetUserPassword(ctx, input.username, input.password)),
});
