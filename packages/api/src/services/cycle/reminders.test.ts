import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeEachDb } from '@bixue/db/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCaller } from '../../root.ts';
import { demoContext } from '../../testing/demo-context.ts';
import { deliverWebhooks } from './reminders.ts';

/** A group robot on 127.0.0.1 that answers like 企业微信, or fails while `failing` is set. */
const received: { path: string; contentType: string; body: unknown }[] = [];
/** busy: HTTP 503; refused: 200 with 企业微信's errcode for a bad key */
let failing: false | true | 'refused' = false;
const robot = createServer((req: IncomingMessage, res) => {
  let text = '';
  req.setEncoding('utf8');
  req.on('data', (c: string) => (text += c));
  req.on('end', () => {
    if (failing === 'refused') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(REFUSED);
      return;
    }
    if (failing) {
      res.writeHead(503).end('busy');
      return;
    }
    received.push({ path: req.url ?? '', contentType: req.headers['content-type'] ?? '', body: JSON.parse(text) });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"errcode":0,"errmsg":"ok"}');
  });
});
const REFUSED = '{"errcode":93000,"errmsg":"invalid webhook url"}';
let robotUrl = '';
beforeAll(async () => {
  await new Promise<void>((resolve) => robot.listen(0, '127.0.0.1', resolve));
  robotUrl = `http://127.0.0.1:${(robot.address() as AddressInfo).port}/cgi-bin/webhook/send?key=test`;
});
afterAll(() => new Promise<void>((resolve) => robot.close(() => resolve())));

describeEachDb('催报 reminders', 'demo', (t) => {
  const db = () => t.db();
  const kind = t.kind;
  const as = async (username: string) => createCaller(await demoContext(db(), kind, username));
  /** 2026Q2 open (due 10 July) and the province posting to the robot: what every test here reminds on. */
  const openWithRobot = async () => {
    const admin = await as('admin');
    if (!(await admin.cycle.periods({})).some((p) => p.period === '2026Q2'))
      await admin.cycle.open({ period: '2026Q2', due: '2026-07-10' });
    await admin.cycle.setSettings({ webhookUrl: robotUrl });
    return admin;
  };

  it('notifies the units behind in the app and posts the robot text message', async () => {
    received.length = 0;
    const admin = await openWithRobot();
    const reporter = await as('reporter');
    expect(code(await reporter.cycle.remind({ period: '2026Q2' }).then(unexpected, caught))).toBe('FORBIDDEN');
    await reporter.data.saveEntry({
      unitCode: '990101',
      period: '2026-05',
      changes: [{ indicatorCode: 'seminar', value: 2, status: 'value', expectedVersion: null }],
      // the demo stores 2026Q2 研讨 over the months: the month is written, the quarter keeps counting
      underCoarse: 'keep_coarse',
    });
    await reporter.cycle.submit({ unit: '990101', period: '2026Q2' });

    const analyst = await as('analyst');
    const sent = await analyst.cycle.remind({ period: '2026Q2' });
    // the city reminds its own counties that are behind, not 安平县 (submitted) nor other cities' counties
    expect(sent.reminded.map((r) => r.unit)).not.toContain('990101');
    expect(sent.reminded.every((r) => r.unit.startsWith('9901') && r.unit !== '990100')).toBe(true);
    expect(sent.reminded.length).toBeGreaterThan(0);
    expect(received).toHaveLength(1);
    expect(received[0]!.path).toBe('/cgi-bin/webhook/send?key=test');
    expect(received[0]!.contentType).toContain('application/json');
    const body = received[0]!.body as { msgtype: string; text: { content: string } };
    // exactly the robot text-message shape, nothing more
    expect(Object.keys(body).sort()).toEqual(['msgtype', 'text']);
    expect(body.msgtype).toBe('text');
    expect(Object.keys(body.text)).toEqual(['content']);
    expect(body.text.content).toMatch(/^【催报】2026Q2 党建指标报送：/);
    expect(body.text.content).toContain('请于 2026-07-10 前完成 2026Q2 党建指标报送');
    const firstName = (
      await db()
        .selectFrom('units')
        .select('short_name')
        .where('code', '=', sent.reminded[0]!.unit)
        .executeTakeFirstOrThrow()
    ).short_name;
    expect(body.text.content).toContain(`${firstName}（未开始）`);

    const behind = createCaller({
      db: db(),
      dbKind: kind,
      principal: { ...(await demoContext(db(), kind, 'reporter')).principal!, scopeUnitCode: sent.reminded[0]!.unit },
    });
    const home = await behind.cycle.mine();
    expect(home.reminders[0]).toMatchObject({ period: '2026Q2', sentBy: 'analyst' });
    // the server's own text in both languages (2026-07-10 has passed on any day this runs)
    expect(home.reminders[0]).toMatchObject({
      message: '请于 2026-07-10 前完成 2026Q2 党建指标报送（已逾期）。',
      messageEn: 'Please complete the Q2 2026 party-building report by 2026-07-10 (overdue).',
    });
    expect((await behind.cycle.dismissReminders({ ids: [home.reminders[0]!.id] })).dismissed).toBe(1);
    expect((await behind.cycle.mine()).reminders).toEqual([]);
    const log = await admin.cycle.webhooks({});
    expect(log[0]).toMatchObject({ state: 'delivered', attempts: 1, lastError: null });
    // the sender's own words are shown as written, in either language
    await analyst.cycle.remind({ period: '2026Q2', units: [sent.reminded[0]!.unit], message: '周五前务必报送' });
    expect((await behind.cycle.mine()).reminders).toEqual([
      expect.objectContaining({ message: '周五前务必报送', messageEn: null }),
    ]);
  });

  it('keeps a failed post, retries it with backoff and shows it until it is delivered', async () => {
    received.length = 0;
    const admin = await openWithRobot();
    failing = true;
    const sent = await admin.cycle.remind({ period: '2026Q2', units: ['990201'] });
    expect(sent.reminded.map((r) => r.unit)).toEqual(['990201']);
    let log = await admin.cycle.webhooks({});
    expect(log[0]).toMatchObject({ state: 'pending', attempts: 1, lastError: 'HTTP 503: busy' });
    const next = new Date(log[0]!.nextAttemptAt!);
    // not due again before its backoff has passed
    expect(await deliverWebhooks(db(), new Date(next.getTime() - 1000))).toEqual({
      delivered: 0,
      failed: 0,
      retrying: 0,
    });
    failing = false;
    expect(await deliverWebhooks(db(), next)).toEqual({ delivered: 1, failed: 0, retrying: 0 });
    expect(received).toHaveLength(1);
    expect((received[0]!.body as { text: { content: string } }).text.content).toContain('（未开始）');
    log = await admin.cycle.webhooks({});
    expect(log[0]).toMatchObject({ state: 'delivered', attempts: 2, lastError: 'HTTP 503: busy' });
  });

  it('marks a post failed after the last attempt, never dropping it', async () => {
    const admin = await openWithRobot();
    failing = true;
    await admin.cycle.remind({ period: '2026Q2', units: ['990202'] });
    // from the post's own schedule, not the calendar
    const [queued] = await admin.cycle.webhooks({});
    let when = new Date(queued!.nextAttemptAt!);
    for (let i = 0; i < 10; i++) {
      await deliverWebhooks(db(), when);
      when = new Date(when.getTime() + 7 * 3600 * 1000);
    }
    const [last] = await admin.cycle.webhooks({});
    expect(last).toMatchObject({ state: 'failed', attempts: 6, lastError: 'HTTP 503: busy', nextAttemptAt: null });
    failing = false;
  });

  it("takes a robot's 200 with an errcode for the refusal it is, and logs the robot's answer", async () => {
    const admin = await openWithRobot();
    failing = 'refused';
    const sent = await admin.cycle.remind({ period: '2026Q2', units: ['990201'] });
    expect(sent.reminded.map((r) => r.unit)).toEqual(['990201']);
    const [post] = await admin.cycle.webhooks({});
    expect(post).toMatchObject({ state: 'pending', attempts: 1, lastError: REFUSED });
    failing = false;
  });
});

function code(e: unknown): string {
  return (e as { code?: string }).code ?? String(e);
}

function unexpected(): never {
  throw new Error('expected the call to fail');
}

/** The error a call failed with (a TRPCError from the caller), for asserting its code and message. */
function caught(e: unknown): Error & { code?: string } {
  return e as Error & { code?: string };
}
