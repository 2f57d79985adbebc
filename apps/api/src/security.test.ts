import { INTERNAL_ERROR, login, MAX_FAILURES_PER_IP, MAX_FAILURES_PER_USER, resolveSession } from '@bixue/api';
import { accessCases, listProcedures, MATRIX_ROLES, type MatrixRole, prepareAccessMatrix } from '@bixue/api/testing';
import { createUser, DEMO_PASSWORD } from '@bixue/db';
import { describeEachDb } from '@bixue/db/testing';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HTTP_FACES } from './http-faces.ts';
import { CSRF_HEADER, SESSION_COOKIE } from './server.ts';
import { serverOver } from './server-for-tests.ts';

interface Signed {
  cookie: string;
  csrf: string;
}

describeEachDb('HTTP security', 'demo', ({ db, kind }) => {
  let app: FastifyInstance;
  const sessions = new Map<MatrixRole, Signed>();

  const signIn = async (username: string, password = DEMO_PASSWORD, remoteAddress = '10.1.0.1') => {
    const res = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username, password },
      remoteAddress,
    });
    return res;
  };
  const as = (s: Signed, opts: InjectOptions): InjectOptions => ({
    ...opts,
    cookies: { [SESSION_COOKIE]: s.cookie },
    headers: { [CSRF_HEADER]: s.csrf, ...(opts.headers ?? {}) },
  });

  beforeAll(async () => {
    app = await serverOver(db(), kind);
    await prepareAccessMatrix(db());
    for (const role of MATRIX_ROLES) {
      const res = await signIn(role);
      expect(res.statusCode).toBe(200);
      sessions.set(role, {
        cookie: res.cookies.find((c) => c.name === SESSION_COOKIE)!.value,
        csrf: res.json<{ csrfToken: string }>().csrfToken,
      });
    }
  });
  afterAll(() => app.close());

  it('sends security headers with a strict CSP', async () => {
    const res = await app.inject({ method: 'GET', url: '/healthz' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sets an httpOnly SameSite=Strict cookie that expires', async () => {
    const res = await signIn('leader');
    const c = res.cookies.find((x) => x.name === SESSION_COOKIE)!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/', maxAge: 12 * 3600 });
  });

  describe('sessions', () => {
    it('refuses forged, malformed and oversize session cookies with 401', async () => {
      for (const forged of [
        'x',
        'a'.repeat(43),
        `${sessions.get('admin')!.cookie}x`,
        'z'.repeat(5000),
        "' OR '1'='1",
      ]) {
        const res = await app.inject({ method: 'GET', url: '/trpc/units.tree', cookies: { [SESSION_COOKIE]: forged } });
        expect(res.statusCode, forged.slice(0, 20)).toBe(401);
      }
    });

    it('ends an expired session (401) and slides a live one', async () => {
      const res = await signIn('analyst');
      const cookie = res.cookies.find((x) => x.name === SESSION_COOKIE)!.value;
      const mine = res.json<{ csrfToken: string }>().csrfToken;
      const ok = await app.inject({ method: 'GET', url: '/trpc/units.tree', cookies: { [SESSION_COOKIE]: cookie } });
      expect(ok.statusCode).toBe(200);
      // an hour idle: still live, and using it pushes the expiry to two hours from now
      await db()
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() + 3600_000) })
        .where('csrf_token', '=', mine)
        .execute();
      await app.inject({ method: 'GET', url: '/trpc/units.tree', cookies: { [SESSION_COOKIE]: cookie } });
      const slid = await db().selectFrom('sessions').select('expires_at').where('csrf_token', '=', mine).execute();
      expect(Math.max(...slid.map((s) => s.expires_at.getTime()))).toBeGreaterThan(Date.now() + 2 * 3600_000 - 60_000);
      // expired: refused, and the row is gone
      await db()
        .updateTable('sessions')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('csrf_token', '=', mine)
        .execute();
      const gone = await app.inject({ method: 'GET', url: '/trpc/units.tree', cookies: { [SESSION_COOKIE]: cookie } });
      expect(gone.statusCode).toBe(401);
      const me = await app.inject({ method: 'GET', url: '/trpc/session.me', cookies: { [SESSION_COOKIE]: cookie } });
      expect(me.json<{ result: { data: unknown } }>().result.data).toBeNull();
    });

    it('ends every session of a user who is disabled or gets a new password', async () => {
      await createUser(db(), {
        username: 'leaver',
        displayName: '离职人员',
        password: 'leaver-password',
        role: 'reporter',
        scopeUnitCode: '990101',
      });
      const cookieOf = async () =>
        (await signIn('leaver', 'leaver-password', '10.4.0.1')).cookies.find((x) => x.name === SESSION_COOKIE)!.value;
      const tree = (cookie: string) =>
        app.inject({ method: 'GET', url: '/trpc/units.tree', cookies: { [SESSION_COOKIE]: cookie } });
      const admin = sessions.get('admin')!;
      const first = await cookieOf();
      expect((await tree(first)).statusCode).toBe(200);
      const reset = await app.inject(
        as(admin, {
          method: 'POST',
          url: '/trpc/users.resetPassword',
          payload: { username: 'leaver', password: 'leaver-password' },
        }),
      );
      expect(reset.statusCode).toBe(200);
      expect((await tree(first)).statusCode).toBe(401);
      const second = await cookieOf();
      const off = await app.inject(
        as(admin, { method: 'POST', url: '/trpc/users.setDisabled', payload: { username: 'leaver', disabled: true } }),
      );
      expect(off.statusCode).toBe(200);
      expect((await tree(second)).statusCode).toBe(401);
      expect((await signIn('leaver', 'leaver-password', '10.4.0.1')).statusCode).toBe(401);
    });

    it('never slides a session past twelve hours after login', async () => {
      const r = await login(db(), 'leader', DEMO_PASSWORD);
      const later = new Date(Date.now() + 11.5 * 3600_000);
      await db()
        .updateTable('sessions')
        .set({ expires_at: new Date(later.getTime() + 60_000) })
        .where('csrf_token', '=', r!.csrfToken)
        .execute();
      const s = await resolveSession(db(), r!.token, later);
      expect(s!.expiresAt.getTime()).toBeLessThanOrEqual(Date.now() + 12 * 3600_000 + 5000);
      expect(await resolveSession(db(), r!.token, new Date(Date.now() + 12.1 * 3600_000))).toBeNull();
    });
  });

  describe('CSRF', () => {
    const disable = { username: 'matrix-target', disabled: false };
    it('refuses a mutation without the token or with a wrong one (403), accepts the right one', async () => {
      const admin = sessions.get('admin')!;
      const url = '/trpc/users.setDisabled';
      const none = await app.inject({
        method: 'POST',
        url,
        payload: disable,
        cookies: { [SESSION_COOKIE]: admin.cookie },
      });
      expect(none.statusCode).toBe(403);
      expect(none.json<{ code: string }>().code).toBe('CSRF');
      const wrong = await app.inject(
        as(admin, { method: 'POST', url, payload: disable, headers: { [CSRF_HEADER]: 'forged-token' } }),
      );
      expect(wrong.statusCode).toBe(403);
      // another user's token is no good either
      const foreign = await app.inject(
        as(admin, {
          method: 'POST',
          url,
          payload: disable,
          headers: { [CSRF_HEADER]: sessions.get('reporter')!.csrf },
        }),
      );
      expect(foreign.statusCode).toBe(403);
      const right = await app.inject(as(admin, { method: 'POST', url, payload: disable }));
      expect(right.statusCode).toBe(200);
    });

    it('guards the raw file upload as well, and lets the signed-in writer through with the token', async () => {
      const analyst = sessions.get('analyst')!;
      const body = 'unit_code,indicator,period,value\n990101,party_lecture,2025H1,2\n';
      const upload = {
        method: 'POST' as const,
        url: '/upload/import?name=f.csv',
        payload: body,
        headers: { 'content-type': 'text/csv' },
      };
      const none = await app.inject({ ...upload, cookies: { [SESSION_COOKIE]: analyst.cookie } });
      expect(none.statusCode).toBe(403);
      expect(none.json<{ code: string }>().code).toBe('CSRF');
      const ok = await app.inject(
        as(analyst, { ...upload, headers: { ...upload.headers, [CSRF_HEADER]: analyst.csrf } }),
      );
      expect(ok.statusCode).toBe(200);
      expect(ok.json<{ errors: unknown[] }>().errors).toEqual([]);
    });

    it('guards logout too, and hands the token out through session.me', async () => {
      const res = await signIn('reporter');
      const cookie = res.cookies.find((x) => x.name === SESSION_COOKIE)!.value;
      expect(
        (await app.inject({ method: 'POST', url: '/auth/logout', cookies: { [SESSION_COOKIE]: cookie } })).statusCode,
      ).toBe(403);
      const me = await app.inject({ method: 'GET', url: '/trpc/session.me', cookies: { [SESSION_COOKIE]: cookie } });
      const csrf = me.json<{ result: { data: { csrfToken: string } } }>().result.data.csrfToken;
      expect(csrf).toBe(res.json<{ csrfToken: string }>().csrfToken);
      const out = await app.inject({
        method: 'POST',
        url: '/auth/logout',
        cookies: { [SESSION_COOKIE]: cookie },
        headers: { [CSRF_HEADER]: csrf },
      });
      expect(out.statusCode).toBe(200);
    });
  });

  describe('login', () => {
    it('rejects oversize and empty credentials with 400, injection strings with 401', async () => {
      expect((await signIn('u'.repeat(101))).statusCode).toBe(400);
      expect((await signIn('admin', 'p'.repeat(201))).statusCode).toBe(400);
      expect((await signIn('', '')).statusCode).toBe(400);
      expect(
        (
          await app.inject({
            method: 'POST',
            url: '/auth/login',
            payload: 'x'.repeat(2 * 1024 * 1024),
            headers: { 'content-type': 'application/json' },
          })
        ).statusCode,
      ).toBe(413);
      for (const attack of ["admin' --", "' OR '1'='1", "admin'; drop table users; --"]) {
        const res = await signIn(attack, "' OR '1'='1", '10.1.0.2');
        expect(res.statusCode, attack).toBe(401);
        expect(res.json()).toEqual({ error: '用户名或密码错误', errorEn: 'Wrong user name or password' });
      }
      expect(
        await db().selectFrom('users').select('id').where('username', '=', 'admin').executeTakeFirst(),
      ).toBeDefined();
    });

    it(`locks a user name after ${MAX_FAILURES_PER_USER} failures in 15 minutes (429 in Chinese, with the retry time)`, async () => {
      await prepareVictim();
      for (let i = 0; i < MAX_FAILURES_PER_USER; i++)
        expect((await signIn('victim', 'wrong', `10.2.0.${i}`)).statusCode).toBe(401);
      const locked = await signIn('victim', 'victim-password', '10.2.1.1');
      expect(locked.statusCode).toBe(429);
      // locked for 15 minutes from the first of the five failures, a few seconds ago
      const retry = Number(locked.headers['retry-after']);
      expect(retry).toBeGreaterThan(14 * 60);
      expect(retry).toBeLessThanOrEqual(15 * 60);
      expect(locked.json()).toEqual({
        error: '登录失败次数过多，请 15 分钟后再试',
        errorEn: 'Too many failed sign-ins: try again in 15 minutes',
        retryAfterSeconds: retry,
      });
      // sixteen minutes on, the right password works again
      const later = new Date(Date.now() + 16 * 60_000);
      expect((await login(db(), 'victim', 'victim-password', { now: later }))?.principal.username).toBe('victim');
    });

    it(`locks a client address after ${MAX_FAILURES_PER_IP} failures, whatever the user names`, async () => {
      for (let i = 0; i < MAX_FAILURES_PER_IP; i++)
        expect((await signIn(`nobody${i}`, 'wrong', '10.3.0.1')).statusCode).toBe(401);
      expect((await signIn('admin', DEMO_PASSWORD, '10.3.0.1')).statusCode).toBe(429);
      expect((await signIn('admin', DEMO_PASSWORD, '10.3.0.2')).statusCode).toBe(200);
    });

    const prepareVictim = async () => {
      await createUser(db(), {
        username: 'victim',
        displayName: '受害者',
        password: 'victim-password',
        role: 'reporter',
        scopeUnitCode: '990101',
      });
    };
  });

  it('takes a work report up to its 10 MB, holds every other call to 1 MB, and says so in Chinese and English', async () => {
    const reporter = sessions.get('reporter')!;
    // a 2 MB report, as the report page sends it: past the 1 MB of any other call
    const text = `${'本年度共召开党员大会4次。'.repeat(80_000)}`;
    const report = await app.inject(
      as(reporter, {
        method: 'POST',
        url: '/trpc/reports.decode',
        payload: { fileName: '工作总结.txt', base64: Buffer.from(text).toString('base64') },
      }),
    );
    expect(Buffer.byteLength(text)).toBeGreaterThan(2 * 1024 * 1024);
    // past the size check: the report is read, and refused for its length, not its bytes
    expect(report.statusCode, report.body.slice(0, 200)).not.toBe(413);
    const tooBig = await app.inject(
      as(reporter, {
        method: 'POST',
        url: '/trpc/reports.decode',
        payload: { fileName: '工作总结.txt', base64: 'QUFB'.repeat(4 * 1024 * 1024) },
      }),
    );
    expect([tooBig.statusCode, tooBig.json()]).toEqual([
      413,
      { error: '工作报告文件超过 10 MB 上限', errorEn: 'The work report is larger than the 10 MB limit' },
    ]);
    const other = await app.inject(
      as(reporter, {
        method: 'POST',
        url: '/trpc/basket.retitle',
        payload: { id: 1, title: '题'.repeat(400_000) },
      }),
    );
    expect([other.statusCode, other.json()]).toEqual([
      413,
      { error: '请求内容超过 1 MB 上限', errorEn: 'The request is larger than the 1 MB limit' },
    ]);
  });

  it('hides internals: 500s are generic, no stack traces', async () => {
    const broken = new Proxy(db(), {
      get(target, key, receiver) {
        if (key === 'selectFrom')
          return (table: string) => {
            if (table === 'units' || table === 'login_attempts')
              throw new Error('relation "secret_table" does not exist at /srv/bixue/x.ts:12:3');
            return target.selectFrom(table as 'users');
          };
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    const brokenApp = await serverOver(broken, kind);
    const admin = sessions.get('admin')!;
    const trpc = await brokenApp.inject({
      method: 'GET',
      url: '/trpc/units.tree',
      cookies: { [SESSION_COOKIE]: admin.cookie },
    });
    expect(trpc.statusCode).toBe(500);
    // the procedure's error as tRPC words it; twice in loaded CI runs the server's own error
    // handler answered instead ({ error: '服务器内部错误' }: a throw outside the procedure, not yet
    // pinned down). Generic words either way, which is what this test is for.
    const said = trpc.json<{ error: string | { message: string } }>().error;
    expect([INTERNAL_ERROR.zh, '服务器内部错误']).toContain(typeof said === 'string' ? said : said.message);
    const loginRes = await brokenApp.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { username: 'admin', password: 'x' },
    });
    expect(loginRes.statusCode).toBe(500);
    expect(loginRes.json()).toEqual({ error: INTERNAL_ERROR.zh, errorEn: INTERNAL_ERROR.en });
    for (const body of [trpc.body, loginRes.body]) {
      expect(body).not.toContain('secret_table');
      expect(body).not.toMatch(/\.ts:\d+|\bat \w/);
    }
    const notFound = await app.inject({ method: 'GET', url: '/api/nothing-here' });
    expect(notFound.statusCode).toBe(404);
    expect(notFound.body).not.toMatch(/\.ts:\d+/);
    await brokenApp.close();
  });

  describe('HTTP faces of procedures (/api, /export)', () => {
    it('serves every /api and /export route as a declared face', () => {
      const declared = new Set(HTTP_FACES.map((f) => f.url));
      expect(app.dataRoutes.map((r) => r.split(' ')[1]).filter((u) => !declared.has(u!))).toEqual([]);
      expect(app.dataRoutes.length).toBeGreaterThan(0);
    });

    const procs = new Map(listProcedures().map((p) => [p.path, p]));
    // an export face serves every format; CSV is the cheapest to draw (a briefing has no CSV: its zip)
    const concrete = (url: string) => url.replace(':format', url.startsWith('/export/brief.') ? 'zip' : 'csv');
    for (const face of HTTP_FACES) {
      for (const role of MATRIX_ROLES) {
        it(`${face.url} as ${role}: allowed in scope, 403 and no data out of scope`, async () => {
          const proc = procs.get(face.procedure)!;
          for (const c of accessCases(proc, role)) {
            const query = new URLSearchParams(c.input as Record<string, string>).toString();
            const res = await app.inject(
              as(sessions.get(role)!, { method: 'GET', url: `${concrete(face.url)}?${query}` }),
            );
            if (c.allowed) expect(res.statusCode, c.name).toBe(200);
            else {
              expect(res.statusCode, c.name).toBe(403);
              expect(Object.keys(res.json()).sort()).toEqual(['code', 'error', 'errorEn']);
            }
          }
        });
      }
      it(`${face.url} without a session: 401; with injection or oversize input: 400`, async () => {
        expect((await app.inject({ method: 'GET', url: `${concrete(face.url)}?unit=990101` })).statusCode).toBe(401);
        const reporter = sessions.get('reporter')!;
        for (const bad of ["990101' OR '1'='1", '9'.repeat(5000), '990102%']) {
          const res = await app.inject(
            as(reporter, { method: 'GET', url: `${concrete(face.url)}?unit=${encodeURIComponent(bad)}` }),
          );
          expect(res.statusCode, bad.slice(0, 20)).toBe(400);
        }
      });
    }
  });

  it('answers tRPC calls outside the scope with 403 and without the data', async () => {
    const reporter = sessions.get('reporter')!;
    const res = await app.inject(
      as(reporter, {
        method: 'GET',
        url: `/trpc/units.get?input=${encodeURIComponent(JSON.stringify({ unit: '990102' }))}`,
      }),
    );
    expect(res.statusCode).toBe(403);
    const name = (await db().selectFrom('units').select('name').where('code', '=', '990102').executeTakeFirstOrThrow())
      .name;
    expect(res.body).not.toContain(name);
    expect(res.body).not.toContain('stack');
  });
});
