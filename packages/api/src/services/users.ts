import { hashPassword } from '@bixue/db';
import { ROLE_SCOPE_LEVELS, type Role } from '@bixue/domain';
import { unitNamesEn } from '@bixue/domain/unit-names-en';
import type { ApiContext } from '../context.ts';
import { InputError } from '../errors.ts';
import { inScopeSql, managedUser, requirePrincipal, unitFor } from '../scope.ts';
import { unlockLogin } from './auth.ts';
import { passwordProblem } from './password-policy.ts';

export interface UserRow {
  username: string;
  displayName: string;
  role: Role;
  scopeUnitCode: string;
  scopeUnitName: string;
  disabled: boolean;
  createdAt: string;
}

/** The users an admin manages: those scoped inside the admin's province. */
export async function listUsers(ctx: ApiContext, only?: string): Promise<UserRow[]> {
  const p = requirePrincipal(ctx);
  let q = ctx.db
    .selectFrom('users')
    .innerJoin('units', 'units.code', 'users.scope_unit_code')
    .select([
      'users.username',
      'users.display_name',
      'users.role',
      'users.scope_unit_code',
      'units.name',
      'users.disabled',
      'users.created_at',
    ])
    .where(inScopeSql(p))
    .orderBy('units.path')
    .orderBy('users.username');
  if (only !== undefined) q = q.where('users.username', '=', only);
  const rows = await q.execute();
  return rows.map((r) => ({
    username: r.username,
    displayName: r.display_name,
    role: r.role,
    scopeUnitCode: r.scope_unit_code,
    scopeUnitName: r.name,
    disabled: r.disabled,
    createdAt: r.created_at.toISOString(),
  }));
}

async function checkRoleScope(ctx: ApiContext, role: Role, scopeUnitCode: string): Promise<void> {
  const unit = await unitFor(ctx, scopeUnitCode, 'admin');
  if (!ROLE_SCOPE_LEVELS[role].includes(unit.level))
    throw new InputError(
      {
        zh: `角色 ${role} 不能以 ${unit.name}（${unit.level}）为范围`,
        en: `Role ${role} cannot be scoped to ${unitNamesEn(unit).nameEn} (${unit.level})`,
      },
      'scopeUnitCode',
    );
}

export interface NewUserInput {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  scopeUnitCode: string;
}

export async function createUserInScope(ctx: ApiContext, input: NewUserInput): Promise<UserRow> {
  await checkRoleScope(ctx, input.role, input.scopeUnitCode);
  // 'Admin' and 'admin' are one name (a unique index on lower(username) holds it under races too)
  const taken = await ctx.db
    .selectFrom('users')
    .select('username')
    .where((eb) => eb(eb.fn('lower', ['username']), '=', input.username.toLowerCase()))
    .executeTakeFirst();
  if (taken)
    throw new InputError(
      {
        zh: `用户名 ${input.username} 已存在（与 ${taken.username} 视为同名）`,
        en: `Username ${input.username} already exists (it counts as the same name as ${taken.username})`,
      },
      'username',
    );
  assertPasswordAcceptable(input.password, [input.username, input.displayName]);
  await ctx.db
    .insertInto('users')
    .values({
      username: input.username,
      display_name: input.displayName,
      password_hash: await hashPassword(input.password),
      role: input.role,
      scope_unit_code: input.scopeUnitCode,
    })
    .execute();
  return userRow(ctx, input.username);
}

export interface UserUpdate {
  username: string;
  displayName?: string | undefined;
  role?: Role | undefined;
  scopeUnitCode?: string | undefined;
}

/** Changes name, role or scope; a changed role or scope ends the user's sessions. */
export async function updateUser(ctx: ApiContext, input: UserUpdate): Promise<UserRow> {
  const p = requirePrincipal(ctx);
  const user = await managedUser(ctx, input.username);
  const role = input.role ?? user.role;
  const scope = input.scopeUnitCode ?? user.scope_unit_code;
  if (user.username === p.username && role !== 'admin')
    throw new InputError(
      { zh: '不能取消自己的管理员角色', en: 'You cannot remove your own administrator role' },
      'role',
    );
  await checkRoleScope(ctx, role, scope);
  await ctx.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ display_name: input.displayName ?? user.display_name, role, scope_unit_code: scope })
      .where('id', '=', user.id)
      .execute();
    if (role !== user.role || scope !== user.scope_unit_code)
      await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  });
  return userRow(ctx, input.username);
}

/** Disabling signs the user out everywhere. */
export async function setUserDisabled(ctx: ApiContext, username: string, disabled: boolean): Promise<UserRow> {
  const p = requirePrincipal(ctx);
  const user = await managedUser(ctx, username);
  if (user.username === p.username && disabled)
    throw new InputError({ zh: '不能停用自己的账号', en: 'You cannot disable your own account' }, 'username');
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ disabled }).where('id', '=', user.id).execute();
    if (disabled) await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  });
  return userRow(ctx, username);
}

/** A new password ends the user's sessions. */
export async function resetUserPassword(ctx: ApiContext, username: string, password: string): Promise<{ ok: true }> {
  const user = await managedUser(ctx, username);
  assertPasswordAcceptable(password, [user.username, user.display_name]);
  const hash = await hashPassword(password);
  await ctx.db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', user.id).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute();
  });
  return { ok: true };
}

function assertPasswordAcceptable(password: string, userInputs: string[]): void {
  const problem = passwordProblem(password, userInputs);
  if (problem) throw new InputError(problem, 'password');
}

/** Lets a user locked out by failed logins try again at once. */
export async function unlockUser(ctx: ApiContext, username: string): Promise<{ cleared: number }> {
  const user = await managedUser(ctx, username);
  return { cleared: await unlockLogin(ctx.db, user.username) };
}

async function userRow(ctx: ApiContext, username: string): Promise<UserRow> {
  const [row] = await listUsers(ctx, username);
  if (!row) throw new Error(`user ${username} vanished`);
  return row;
}
