import { type ApiContext, createCaller } from '@bixue/api';
import { demoContext } from '@bixue/api/testing';
import { dataVersion, putSetting, writeDrafts, writeFacts } from '@bixue/db';
import { describeEachDb, TEST_AS_OF } from '@bixue/db/testing';
import { tryParseMonth } from '@bixue/domain';
import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { sheetCells } from './testing/sheet-cells.ts';
import { briefFile } from './brief/brief.ts';
import { briefItems } from './brief/spec.ts';
import { exportChart } from './export.ts';
import type { ExportRequest } from './request.ts';
import { fileNumber } from './table.ts';
import { openDeck, seriesOf, text } from './testing/open-deck.ts';

const today = TEST_AS_OF.toISOString().slice(0, 10);
const COUNTIES = 'level:county@990000';
const RANKING: ExportRequest = {
  chart: 'ranking',
  format: 'xlsx',
  indicator: 'party_lecture',
  window: '2026H1',
  group: COUNTIES,
  today,
};

const lecture = (unitCode: string, period: string) =>
  ({ unitCode, indicatorCode: 'party_lecture', period, status: 'value' }) as const;

describeEachDb('exports drawn as of a data version', 'demo', ({ db, kind }) => {
  let admin: ApiContext;
  beforeAll(async () => {
    admin = await demoContext(db(), kind, 'admin');
  });
  /** The counties ranked by 党课 over 2026H1 as the ranking export draws them, unranked ones left out. */
  const countyRanking = async () => {
    const ranking = await createCaller(admin).analytics.ranking({
      indicator: 'party_lecture',
      window: '2026H1',
      group: COUNTIES,
      today,
    });
    return { asOf: ranking.asOf, ranked: ranking.entries.filter((e) => e.rank !== null) };
  };
  /** A unit's first stored 党课 figure (by period) inside the absolute months [from, to]. */
  const lectureIn = (unit: string, from: number, to: number) =>
    db()
      .selectFrom('facts')
      .select(['period', 'value'])
      .where('unit_code', '=', unit)
      .where('indicator_code', '=', 'party_lecture')
      .where('status', '=', 'value')
      .where('start_month', '>=', from)
      .where('end_month', '<=', to)
      .orderBy('period')
      .executeTakeFirstOrThrow()
      .then((f) => ({ period: f.period, value: f.value! }));

  it('an export as of version N equals the export drawn at N; drawn now it differs in exactly the changed cells', async () => {
    const api = createCaller(admin);
    const v = await dataVersion(db(), '990000');
    const atN = await sheetCells((await exportChart(admin, RANKING)).bytes);
    expect(atN.source).toMatch(
      new RegExp(`^数据来源：bixue 比学赶超 · 数据版本 v${v} · 数据截至2026年6月 · 导出时间：`),
    );
    // asking for the current version by number draws the same file
    expect((await sheetCells((await exportChart(admin, { ...RANKING, version: String(v) })).bytes)).rows).toEqual(
      atN.rows,
    );

    // a county gains a lecture in the window, chosen so every rank stays (no new tie, none broken,
    // nobody passed); another county's 2024 figure, outside the window and the previous one, changes too
    const { ranked, asOf } = await countyRanking();
    const gapAbove = (i: number) => (i === 0 ? Infinity : ranked[i - 1]!.value! - ranked[i]!.value!);
    const gapBelow = (i: number) => (i === ranked.length - 1 ? Infinity : ranked[i]!.value! - ranked[i + 1]!.value!);
    const moved = ranked.find((_, i) => gapAbove(i) >= 2 && gapBelow(i) >= 1)!;
    const other = ranked.find((e) => e.unit !== moved.unit)!;
    const asOfMonth = tryParseMonth(asOf)!;
    const inWindow = await lectureIn(moved.unit, 2026 * 12, asOfMonth);
    const in2024 = await lectureIn(other.unit, 2024 * 12, 2024 * 12 + 11);
    await writeFacts(
      db(),
      [
        { ...lecture(moved.unit, inWindow.period), value: inWindow.value + 1 },
        { ...lecture(other.unit, in2024.period), value: in2024.value + 3 },
      ],
      { source: 'manual', user: 'admin', reason: '更正测试' },
    );
    expect(await dataVersion(db(), '990000')).toBe(v + 1);

    const asOfN = await sheetCells((await exportChart(admin, { ...RANKING, version: String(v) })).bytes);
    expect(asOfN.rows).toEqual(atN.rows);
    // facts rewound, targets and settings not: the file says so
    expect(asOfN.source).toContain(`数据版本 v${v} · 数据截至2026年6月 · 导出时间`);

    const now = await sheetCells((await exportChart(admin, RANKING)).bytes);
    expect(now.source).toContain(`数据版本 v${v + 1} · 数据截至2026年6月 · 导出时间`);
    const differing: [number, number, unknown, unknown][] = [];
    now.rows.forEach((row, r) =>
      row.forEach((cell, c) => {
        if (cell !== atN.rows[r]![c]) differing.push([r, c, atN.rows[r]![c], cell]);
      }),
    );
    // rows: title, context, (source left out), blank, header, then the ranking best first; column 5 is the value
    const rowOf = (unit: string) => now.rows.findIndex((row) => row[2] === unit);
    expect(differing).toEqual([[rowOf(moved.unit), 4, moved.value, moved.value! + 1]]);

    // the diff names both facts, who changed them and why
    const diff = await api.versions.diff({ unit: '990000', from: v });
    expect(diff).toMatchObject({ province: '990000', from: v, to: v + 1, current: v + 1 });
    expect(
      diff.changes.map((c) => [c.unit, c.period, c.before.value, c.after.value, c.steps.map((s) => [s.by, s.reason])]),
    ).toEqual(
      [
        [moved.unit, inWindow.period, inWindow.value, inWindow.value + 1, [['admin', '更正测试']]],
        [other.unit, in2024.period, in2024.value, in2024.value + 3, [['admin', '更正测试']]],
      ].sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    await expect(
      api.analytics.ranking({ indicator: 'party_lecture', window: '2026H1', group: COUNTIES, today, version: v + 2 }),
    ).rejects.toThrow(`数据版本 v${v + 2} 不存在（当前为 v${v + 1}）`);
  });

  it('says 含未审核数据 in the file when the province counts drafts, and not when drawn as of a version', async () => {
    await putSetting(db(), '990000', 'count_unapproved', true);
    try {
      const v = await dataVersion(db(), '990000');
      const drafts = await sheetCells((await exportChart(admin, { ...RANKING, format: 'xlsx' })).bytes);
      expect(drafts.source).toContain(`数据版本 v${v} · 数据截至2026年6月 · 含未审核数据 · 导出时间`);
      const approved = await sheetCells((await exportChart(admin, { ...RANKING, version: String(v) })).bytes);
      expect(approved.source).not.toContain('含未审核数据');
      // a CSV carries the XLSX's source line, under its table
      const now = new Date('2026-07-15T02:00:00Z');
      for (const version of [undefined, String(v)]) {
        const xlsx = await sheetCells((await exportChart(admin, { ...RANKING, version }, now)).bytes);
        const csv = (await exportChart(admin, { ...RANKING, version, format: 'csv' }, now)).bytes.toString('utf8');
        expect(csv.endsWith(`\r\n\r\n${xlsx.source}\r\n`)).toBe(true);
        expect(xlsx.source).toBe(
          `数据来源：bixue 比学赶超 · 数据版本 v${v} · 数据截至2026年6月${version ? '' : ' · 含未审核数据'} · 导出时间：2026/07/15 10:00`,
        );
      }
    } finally {
      await putSetting(db(), '990000', 'count_unapproved', false);
    }
  });

  it('a basket item drawn later draws the version its card showed when it was added', async () => {
    const api = createCaller(admin);
    await api.basket.clear();
    const v = await dataVersion(db(), '990000');
    const [item] = await api.basket.add({
      chart: 'ranking',
      indicator: 'party_lecture',
      window: '2026H1',
      group: COUNTIES,
    });
    expect(item!.version).toBe(v);
    const seen = await sheetCells((await exportChart(admin, RANKING)).bytes);
    // the data changes after the card went into the basket
    const [first] = (
      await api.analytics.ranking({ indicator: 'party_lecture', window: '2026H1', group: COUNTIES, today })
    ).entries;
    const f = await db()
      .selectFrom('facts')
      .select(['period', 'value'])
      .where('unit_code', '=', first!.unit)
      .where('indicator_code', '=', 'party_lecture')
      .where('status', '=', 'value')
      .where('start_month', '>=', 2026 * 12)
      .where('end_month', '<=', 2026 * 12 + 5)
      .orderBy('period')
      .executeTakeFirstOrThrow();
    await writeFacts(db(), [{ ...lecture(first!.unit, f.period), value: f.value! + 10 }], {
      source: 'manual',
      user: 'admin',
      acceptWarnings: true,
    });
    const changed = await sheetCells((await exportChart(admin, RANKING)).bytes);
    expect(changed.rows).not.toEqual(seen.rows);
    // drawn from the basket as the briefing draws it: the file as it was seen
    const [drawn] = briefItems(await api.basket.list());
    const later = await sheetCells((await exportChart(admin, { ...drawn!, format: 'xlsx', today })).bytes);
    expect(later.rows).toEqual(seen.rows);
    expect(later.source).toContain(`数据版本 v${v} · `);
    await api.basket.clear();
  });

  it('a basket card that counted drafts draws them in the deck and says so; one added while they did not count, none', async () => {
    const api = createCaller(admin);
    await api.basket.clear();
    const v = await dataVersion(db(), '990000');
    const { ranked } = await countyRanking();
    const [top, last] = [ranked[0]!, ranked.at(-1)!];
    const fact = await lectureIn(last.unit, 2026 * 12, 2026 * 12 + 5);
    // the last county's draft adds 1000 lectures to one month of the window: counted, it ranks first
    const drafted = last.value! + 1000;
    expect(drafted).toBeGreaterThan(top.value!);
    await db()
      .transaction()
      .execute((trx) =>
        writeDrafts(trx, [{ ...lecture(last.unit, fact.period), value: fact.value + 1000 }], {
          source: 'manual',
          user: 'admin',
        }),
      );
    const card = { chart: 'ranking', indicator: 'party_lecture', window: '2026H1', group: COUNTIES } as const;
    const file = async (item: Awaited<ReturnType<typeof api.basket.list>>[number], format: 'pptx' | 'docx') =>
      (await briefFile(admin, { items: briefItems([item]).map((i) => ({ ...i, today })), format })).bytes;
    /** the deck's title slide, and the ranking's bars best first with the drafted county's line of the notes */
    const deckOf = async (item: Awaited<ReturnType<typeof api.basket.list>>[number]) => {
      const [title, slide] = await openDeck(await file(item, 'pptx'));
      const bars = seriesOf(slide!.chart!)[0]!.values.slice().reverse();
      const line = slide!.notes.split('\n').find((l) => l.includes(`,${last.unit},`));
      return { title: title!.text.split('\n'), bars, line, source: slide!.notes };
    };
    try {
      const [off] = await api.basket.add(card);
      expect([off!.version, off!.unapproved]).toEqual([v, false]);
      await putSetting(db(), '990000', 'count_unapproved', true);
      const [, on] = await api.basket.add(card);
      expect([on!.version, on!.unapproved]).toEqual([v, true]);

      // added while drafts did not count: the approved ranking, though the province counts them now
      const approved = await deckOf(off!);
      expect(approved.bars[0]).toBeCloseTo(top.value!, 6);
      expect(approved.line).toContain(`,${fileNumber(last.value!)},`);
      expect(approved.title).toContain(`数据版本 v${v}`);
      expect(approved.source).not.toContain('含未审核数据');

      // added while they counted: the draft ranks first, and the title slide and the slide say 含未审核数据
      const counted = await deckOf(on!);
      expect(counted.bars[0]).toBeCloseTo(drafted, 6);
      expect(counted.line).toContain(`,${fileNumber(drafted)},`);
      expect(counted.title).toContain(`数据版本 v${v} · 含未审核数据`);
      expect(counted.source).toContain(`数据版本 v${v} · 数据截至2026年6月 · 含未审核数据`);
      const docx = text(
        await (await JSZip.loadAsync(await file(on!, 'docx'))).file('word/document.xml')!.async('string'),
      );
      expect(docx).toContain(`数据版本 v${v} · 含未审核数据`);

      // the province stops counting drafts: the card draws the approved data, and no longer says so
      await putSetting(db(), '990000', 'count_unapproved', false);
      const stopped = await deckOf(on!);
      expect(stopped.bars[0]).toBeCloseTo(top.value!, 6);
      expect(stopped.title.join('\n')).not.toContain('含未审核数据');
    } finally {
      await putSetting(db(), '990000', 'count_unapproved', false);
      await db().deleteFrom('fact_drafts').where('unit_code', '=', last.unit).execute();
      await api.basket.clear();
    }
  });
});
