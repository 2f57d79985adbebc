import { describeEachDb, loadAnalyticsFixture } from '@bixue/db/testing';
import { INDICATOR_CATALOG } from '@bixue/domain';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CSRF_HEADER, SESSION_COOKIE } from './server.ts';
import { serverOver } from './server-for-tests.ts';
import { fixtureSessions, type TestSession } from './sessions-for-tests.ts';

/** Any Han character: an English page must not show one in a refusal about codes and numbers. */
const HAN = /\p{Script=Han}/u;

interface Refused {
  status: number;
  zh: string;
  en: string;
}

describeEachDb('refusals in both languages', 'catalog', ({ db, kind }) => {
  let app: FastifyInstance;
  let sessions: Record<string, TestSession>;
  beforeAll(async () => {
    await loadAnalyticsFixture(db());
    app = await serverOver(db(), kind);
    sessions = await fixtureSessions(app, db(), ['rep']);
  });
  afterAll(() => app.close());

  /** A tRPC call as the web app makes it. */
  function call(path: string, input: unknown, who?: string, method: 'GET' | 'POST' = 'GET') {
    const s = who ? sessions[who]! : undefined;
    return app.inject({
      method,
      url: method === 'GET' ? `/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}` : `/trpc/${path}`,
      cookies: s ? { [SESSION_COOKIE]: s.cookie } : {},
      headers: method === 'POST' && s ? { [CSRF_HEADER]: s.csrf, 'content-type': 'application/json' } : {},
      ...(method === 'POST' ? { payload: JSON.stringify(input) } : {}),
    });
  }

  /** A refused call: its status, the Chinese message and the English beside it. */
  async function refused(...args: Parameters<typeof call>): Promise<Refused> {
    const res = await call(...args);
    const error = res.json<{ error?: { message: string; data: { messageEn: string } } }>().error;
    if (!error) throw new Error(`not refused: ${res.statusCode} ${res.body.slice(0, 200)}`);
    return { status: res.statusCode, zh: error.message, en: error.data.messageEn };
  }

  const saveInput = (value: number, expectedVersion: number | null) => ({
    unitCode: '880101',
    period: '2025-03',
    changes: [{ indicatorCode: 'party_lecture', value, status: 'value', expectedVersion }],
  });

  it('says a refused manual entry in English beside the Chinese: the rule, the unit, indicator and period', async () => {
    const name = INDICATOR_CATALOG.find((i) => i.code === 'party_lecture')!;
    const r = await refused('data.saveEntry', saveInput(-1, null), 'rep', 'POST');
    expect(r.status).toBe(400);
    expect(r.zh).toContain('不能为负');
    expect(r.en).toContain(`${name.nameEn} cannot be negative (-1)`);
    expect(r.en).not.toMatch(HAN);
  });

  it('says who may not, what is missing, and a failed input check in English', async () => {
    const outside = await refused(
      'analytics.rollup',
      { unit: '880102', indicator: 'party_lecture', window: '2024' },
      'rep',
    );
    expect([outside.status, outside.zh, outside.en]).toEqual([
      403,
      '无权访问单位 880102 的数据',
      "Unit 880102's data is outside your scope",
    ]);
    const anonymous = await refused('analytics.rollup', { unit: '880101', indicator: 'party_lecture', window: '2024' });
    expect([anonymous.status, anonymous.zh, anonymous.en]).toEqual([401, '请先登录', 'Please sign in']);
    const badPeriod = await refused(
      'analytics.rollup',
      { unit: '880101', indicator: 'party_lecture', window: '24H1' },
      'rep',
    );
    expect(badPeriod.status).toBe(400);
    expect(badPeriod.en).toContain('Unknown reporting period "24H1"');
    // zod's own check, its issues in zod's English
    const badUnit = await refused('analytics.rollup', { unit: 'x', indicator: 'party_lecture', window: '2024' }, 'rep');
    expect(badUnit.status).toBe(400);
    expect(badUnit.en).toMatch(/^unit: /);
    for (const r of [outside, anonymous, badPeriod, badUnit]) expect(r.en, r.en).not.toMatch(HAN);
  });

  it("says the server's own refusals in English too: bad JSON, a NUL, a failed CSRF check, a wrong sign-in", async () => {
    const body = (res: { statusCode: number; json: <T>() => T }) => {
      const { error, errorEn } = res.json<{ error: string; errorEn: string }>();
      return [res.statusCode, error, errorEn];
    };
    const s = sessions.rep!;
    expect(
      body(
        await app.inject({
          method: 'GET',
          url: '/trpc/analytics.rollup?input=%7Bnot',
          cookies: { [SESSION_COOKIE]: s.cookie },
        }),
      ),
    ).toEqual([400, '参数 input 不是合法的 JSON', 'The input parameter is not valid JSON']);
    expect(
      body(await app.inject({ method: 'GET', url: '/api/rollup?unit=88%00', cookies: { [SESSION_COOKIE]: s.cookie } })),
    ).toEqual([400, '请求中含有空字符（NUL），已拒绝', 'The request contains a NUL character and was refused']);
    const forged = await app.inject({
      method: 'POST',
      url: '/trpc/data.saveEntry',
      cookies: { [SESSION_COOKIE]: s.cookie },
      headers: { [CSRF_HEADER]: 'forged', 'content-type': 'application/json' },
      payload: JSON.stringify(saveInput(1, null)),
    });
    expect(body(forged)).toEqual([
      403,
      'CSRF 校验失败，请刷新页面后重试',
      'The request failed its CSRF check: reload the page and try again',
    ]);
    const signIn = (payload: object) => app.inject({ method: 'POST', url: '/auth/login', payload });
    expect(body(await signIn({ username: 'rep', password: 'wrong' }))).toEqual([
      401,
      '用户名或密码错误',
      'Wrong user name or password',
    ]);
    expect(body(await signIn({ username: '' }))).toEqual([
      400,
      '请输入用户名（最多100字符）和密码（最多200字符）',
      'Enter a user name (at most 100 characters) and a password (at most 200 characters)',
    ]);
    for (const r of [forged]) expect(r.json<{ errorEn: string }>().errorEn).not.toMatch(HAN);
  });

  it('says a lost edit in English: someone else changed the value since it was read', async () => {
    // the first save reads nothing (version null) and writes version 1; a second writer still holding null loses
    expect((await call('data.saveEntry', saveInput(3, null), 'rep', 'POST')).statusCode).toBe(200);
    const r = await refused('data.saveEntry', saveInput(4, null), 'rep', 'POST');
    expect(r.status).toBe(409);
    expect(r.en).toMatch(/^Someone else changed 880101 party_lecture 2025-03 \(you saw version none, it is now \d+\)/);
    expect(r.en).not.toMatch(HAN);
  });
});
