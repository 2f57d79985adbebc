import { createUser, upsertUnits } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import { beforeAll, expect, it } from 'vitest';
import { OPERATOR } from '../context.ts';
import { login, MAX_FAILURES_PER_USER, TooManyAttemptsError, unlockLogin } from './auth.ts';
import { createUserInScope, resetUserPassword } from './users.ts';

describeEachDb('login lockout under a burst', 'catalog', (t) => {
  const db = () => t.db();
  // PGlite answers one query at a time, so a burst there is shorter to run and just as telling
  const burst = t.kind === 'postgres' ? 100 : 30;

  beforeAll(async () => {
    await upsertUnits(db(), [
      { code: '880000', name: '样例省气象局', level: 'province', parent_code: null },
      { code: '880100', name: '样例市气象局', level: 'city', parent_code: '880000' },
      { code: '880101', name: '样例县气象局', level: 'county', parent_code: '880100' },
    ]);
    for (const username of ['target', 'second'])
      await createUser(db(), {
        username,
        displayName: username,
        password: 'right-password-42',
        role: 'reporter',
        scopeUnitCode: '880101',
      });
  });

  const attempt = (username: string, password: string, i: number) =>
    login(db(), username, password, { ip: `10.9.${Math.floor(i / 200)}.${i % 200}` }).then(
      (r) => (r ? 'session' : 'wrong'),
      (e: unknown) => {
        if (e instanceof TooManyAttemptsError) return 'locked';
        throw e;
      },
    );

  it(`evaluates at most ${MAX_FAILURES_PER_USER} of ${burst} parallel wrong guesses and the right password`, async () => {
    const outcomes = await Promise.all([
      ...Array.from({ length: burst }, (_, i) => attempt('target', `guess-${i}`, i)),
      attempt('target', 'right-password-42', burst),
    ]);
    const evaluated = outcomes.filter((o) => o !== 'locked').length;
    expect(evaluated).toBeLessThanOrEqual(MAX_FAILURES_PER_USER);
    expect(outcomes.filter((o) => o === 'locked').length).toBeGreaterThanOrEqual(burst + 1 - MAX_FAILURES_PER_USER);
    // and now the name is locked for the right password too
    expect(await attempt('target', 'right-password-42', 999)).toBe('locked');
  });

  it('an admin unlock lets the user in at once; other names were never affected', async () => {
    expect(await attempt('second', 'right-password-42', 1)).toBe('session');
    expect(await unlockLogin(db(), 'target')).toBeGreaterThanOrEqual(1);
    expect(await attempt('target', 'right-password-42', 1000)).toBe('session');
  });

  it('keeps user names unique whatever their case, and refuses short or guessable passwords', async () => {
    const ctx = { db: db(), dbKind: t.kind, principal: OPERATOR };
    const user = { displayName: '县局填报员', role: 'reporter' as const, scopeUnitCode: '880101' };
    await expect(
      createUserInScope(ctx, { ...user, username: 'Target', password: 'another-long-secret-7' }),
    ).rejects.toThrow('用户名 Target 已存在（与 target 视为同名）');
    // the database itself refuses it too, for two admins racing past the check
    await expect(
      db()
        .insertInto('users')
        .values({
          username: 'TARGET',
          display_name: 'x',
          password_hash: 'x',
          role: 'reporter',
          scope_unit_code: '880101',
        })
        .execute(),
    ).rejects.toThrow(/users_username_ci_idx/);
    for (const [password, why] of [
      ['          ', '至少 10 个'],
      ['bixue-demo', '太容易被猜到'],
      ['qwertyuiop', '太容易被猜到'],
      ['newcomer2026', '太容易被猜到'],
    ])
      await expect(createUserInScope(ctx, { ...user, username: 'newcomer', password: password! })).rejects.toThrow(why);
    await expect(resetUserPassword(ctx, 'target', 'password123')).rejects.toThrow('太容易被猜到');
    // and in English for English pages: zxcvbn scores 'password123' 0
    await expect(resetUserPassword(ctx, 'target', 'password123')).rejects.toMatchObject({
      messageEn:
        'Password: too easy to guess (strength 0/4, needs 3); avoid common passwords, keyboard runs, repeats and the user name',
    });
    const created = await createUserInScope(ctx, { ...user, username: 'newcomer', password: '汛期值班-蓝天-2026' });
    expect(created.username).toBe('newcomer');
  });
});
