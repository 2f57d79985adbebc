import { describeEachDb } from '@bixue/db/testing';
import { zipOf } from '@bixue/import/testing';
import { expect, it } from 'vitest';
import { createCaller } from '../root.ts';
import { demoContext } from '../testing/demo-context.ts';

const REPORT = '安平县气象局2023年上半年党建工作总结\n上半年召开党员大会3次，讲党课2次。党员人数*名。';

describeEachDb('reports service', 'demo', ({ db, kind }) => {
  const as = (username: string) => demoContext(db(), kind, username);

  it('bounds the work of a report: a .docx bomb is refused before it is inflated, long text before extraction', async () => {
    const api = createCaller(await as('analyst'));
    // 60 MB of XML that compresses to about 60 KB
    const bomb = zipOf({ 'word/document.xml': Buffer.alloc(60 * 1024 * 1024, 0x20) });
    expect(bomb.length).toBeLessThan(200 * 1024);
    // .docx files are read in a worker thread that starts on first use: the bound is on the bomb's work, not that start
    await api.reports.decode({ fileName: 'warm.txt', base64: Buffer.from('召开党员大会2次。').toString('base64') });
    const started = Date.now();
    await expect(api.reports.decode({ fileName: 'bomb.docx', base64: bomb.toString('base64') })).rejects.toThrow(
      'bomb.docx: 解压后超过 50 MB 或内含文件过多，拒绝处理（可能是压缩炸弹）',
    );
    expect(Date.now() - started).toBeLessThan(5000);
    // 11,112 × 9 = 100,008 characters: refused before extraction; the largest allowed text goes through
    await expect(api.reports.propose({ text: '召开党员大会3次。'.repeat(11_112) })).rejects.toThrow(/<=100000/);
    const ok = await api.reports.propose({ text: `${REPORT}${' '.repeat(100_000 - REPORT.length)}` });
    expect(ok.facts.length).toBeGreaterThan(0);
  });

  it('proposes facts, saves the confirmed ones with their sentence, and lists them back', async () => {
    const api = createCaller(await as('analyst'));
    const p = await api.reports.propose({ text: REPORT });
    expect(p.period).toBe('2023H1');
    expect(p.suggestedUnit).toEqual({ code: '990101', name: '安平县气象局' });
    const byCode = Object.fromEntries(p.facts.map((f) => [f.indicator, f]));
    expect(byCode.members_congress?.value).toBe(3);
    expect(byCode.member_count?.status).toBe('undisclosed');

    const saved = await api.reports.save({
      unitCode: '990101',
      period: '2023H1',
      fileName: 'r.txt',
      text: REPORT,
      facts: p.facts.map(({ indicator, status, value, start, end }) => ({ indicator, status, value, start, end })),
      // the demo's finer periods of 2023H1 say otherwise; coarse-conflicts.test.ts pins the question
      conflicts: 'replace',
    });
    expect(saved.inserted + saved.updated + saved.unchanged).toBe(p.facts.length);
    const facts = await api.reports.facts({ unitCode: '990101', period: '2023H1' });
    const congress = facts.find((f) => f.indicator === 'members_congress')!;
    expect(congress).toMatchObject({ value: 3, status: 'value', source: 'report', documentId: saved.documentId });
    expect(congress.sourceText).toContain('召开党员大会3次');
    const members = facts.find((f) => f.indicator === 'member_count')!;
    expect(members).toMatchObject({ value: null, status: 'undisclosed', source: 'report' });
    const doc = await api.reports.document({ unitCode: '990101', documentId: saved.documentId! });
    expect(doc.body).toBe(REPORT);

    // the charts' numbers carry it too: the heatmap cell points back at the report's sentence
    const heat = await api.analytics.heatmap({
      window: '2023H1',
      group: 'siblings:990100',
      indicators: ['members_congress'],
      today: '2026-07-15',
    });
    const cell = heat.cells.find((c) => c.unit === '990101' && c.indicator === 'members_congress')!;
    expect(cell).toMatchObject({ source: 'report', documentId: saved.documentId });
    expect(cell.sourceText).toContain('召开党员大会3次');
    const bench = await api.analytics.benchmark({ unit: '990101', window: '2023H1', today: '2026-07-15' });
    const line = bench.lines.find((l) => l.indicator === 'members_congress')!;
    expect(line).toMatchObject({ source: 'report', documentId: saved.documentId });
    expect(line.sourceText).toContain('召开党员大会3次');
    const ranked = await api.analytics.ranking({
      indicator: 'members_congress',
      window: '2023H1',
      group: 'siblings:990100',
      today: '2026-07-15',
    });
    expect(ranked.entries.find((e) => e.unit === '990101')).toMatchObject({ source: 'report', value: 3 });
    const att = await api.analytics.attainment({
      unit: '990101',
      indicator: 'members_congress',
      window: '2023H1',
      today: '2026-07-15',
    });
    expect(att.origin.sourceText).toContain('召开党员大会3次');
    const series = await api.analytics.trend({
      unit: '990101',
      indicator: 'members_congress',
      window: '2023H1',
      count: 2,
      today: '2026-07-15',
    });
    expect(series.points.map((p) => p.window)).toEqual(['2022H2', '2023H1']);
    expect(series.points[1]).toMatchObject({ value: 3, source: 'report' });
    expect(series.points[0]!.sourceText).toBeNull();
    const other = heat.cells.find((c) => c.unit === '990102' && c.indicator === 'members_congress')!;
    expect(other.source === 'demo' || other.status === 'missing').toBe(true);
  });

  it('refuses derived indicators, spans outside the text, leaders and units outside scope', async () => {
    const fact = { indicator: 'party_lecture', status: 'value' as const, value: 2, start: 20, end: 40 };
    const base = { unitCode: '990101', period: '2023H1', fileName: 'r.txt', text: REPORT };
    const analyst = createCaller(await as('analyst'));
    await expect(
      analyst.reports.save({ ...base, facts: [{ ...fact, indicator: 'rectification_rate' }] }),
    ).rejects.toThrow('派生指标');
    await expect(analyst.reports.save({ ...base, facts: [{ ...fact, end: 999 }] })).rejects.toThrow('超出报告范围');
    await expect(analyst.reports.save({ ...base, unitCode: '990201', facts: [fact] })).rejects.toThrow(
      '无权访问单位 990201',
    );
    // the shared rule set: impossible values refused (and the document with them), implausible ones confirmed
    const documents = async () =>
      Number(
        (
          await db()
            .selectFrom('documents')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await documents();
    await expect(analyst.reports.save({ ...base, facts: [{ ...fact, value: 1.7e308 }] })).rejects.toThrow(
      '第1条 (party_lecture): 党课 1.7e+308 超出可能的范围',
    );
    await expect(
      analyst.reports.save({ ...base, facts: [{ ...fact, value: 1.7e308 }], acceptWarnings: true }),
    ).rejects.toThrow('超出可能的范围');
    // party_lecture: at most 60 a year, so 30 a half-year is believable and 31 needs a confirmation
    await expect(analyst.reports.save({ ...base, facts: [{ ...fact, value: 31 }] })).rejects.toThrow('请核实后确认');
    expect(await documents()).toBe(before);
    const confirmed = await analyst.reports.save({
      ...base,
      facts: [{ ...fact, value: 31 }],
      acceptWarnings: true,
      conflicts: 'replace',
    });
    expect(confirmed.inserted + confirmed.updated).toBe(1);
    const leader = createCaller(await as('leader'));
    await expect(leader.reports.save({ ...base, facts: [fact] })).rejects.toThrow('只能查看');
    const reporter = createCaller(await as('reporter'));
    await expect(reporter.reports.facts({ unitCode: '990102', period: '2023H1' })).rejects.toThrow(
      '无权访问单位 990102',
    );
  });
});
