import { shownTarget } from '@bixue/charts';
import { type ApiContext, createCaller } from '@bixue/api';
import { demoContext } from '@bixue/api/testing';
import { describeEachDb, TEST_AS_OF } from '@bixue/db/testing';
import { messageEnOf } from '@bixue/domain';
import { TRPCError } from '@trpc/server';
import JSZip from 'jszip';
import { beforeAll, expect, it, onTestFinished } from 'vitest';
import { exportChart } from './export.ts';
import type { ExportRequest } from './request.ts';
import { seriesOf, text } from './testing/open-deck.ts';
import { readXlsx } from './testing/read-xlsx.ts';

const today = TEST_AS_OF.toISOString().slice(0, 10);
const COUNTIES = 'level:county@990000';
const CITY = 'siblings:990100';

/** width and height from a PNG's IHDR chunk (bytes 16–23, big-endian) */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
  expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** pptxgenjs numbers charts across the process (chart1.xml in a fresh CLI run, chart7.xml later) */
async function chartXml(bytes: Buffer): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const names = Object.keys(zip.files).filter((f) => /^ppt\/charts\/chart\d+\.xml$/.test(f));
  expect(names).toHaveLength(1);
  return zip.file(names[0]!)!.async('string');
}

/** A CSV export's table; the source line under it (after an empty row) must name the data version. */
function parseCsv(text: string): string[][] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const [table, source, ...more] = text.slice(1).trimEnd().split('\r\n\r\n');
  expect(more).toEqual([]);
  expect(source).toMatch(/^数据来源：bixue 比学赶超 · 数据版本 v\d+ · 数据截至\d{4}年\d{1,2}月 · 导出时间：/);
  return table!.split('\r\n').map((l) => l.split(','));
}

describeEachDb('chart exports', 'demo', ({ db, kind }) => {
  let admin: ApiContext;
  let reporter: ApiContext;
  const as = (username: string) => demoContext(db(), kind, username);
  beforeAll(async () => {
    admin = await as('admin');
    reporter = await as('reporter');
  });
  const exp = (ctx: ApiContext, req: Omit<ExportRequest, 'window'> & { window?: string }) =>
    exportChart(ctx, { window: '2026H1', today, ...req });

  it('ranking: XLSX and CSV hold the API’s ranking, numbers as numbers, under title, context and source', async () => {
    const api = await createCaller(admin).analytics.ranking({
      indicator: 'composite',
      window: '2026H1',
      group: COUNTIES,
      today,
    });
    const file = await exp(admin, { chart: 'ranking', format: 'xlsx', group: COUNTIES });
    expect(file.filename).toBe('综合得分排名_2026年上半年_全省县局.xlsx');
    const x = await readXlsx(file.bytes);
    expect([x.title, x.context]).toEqual(['综合得分排名', '2026年上半年 · 全省县局']);
    // what the file was drawn from: the province's data version and as-of month (domain.md §9)
    expect(x.source).toMatch(
      /^数据来源：bixue 比学赶超 · 数据版本 v\d+ · 数据截至2026年6月 · 导出时间：\d{4}\/\d{2}\/\d{2} \d{2}:\d{2}$/,
    );
    expect(x.header).toEqual([
      '名次',
      '名次说明',
      '单位代码',
      '单位',
      '综合得分（分）',
      '数据状态',
      '名次变化（与2025年下半年相比）',
    ]);
    expect(x.rows).toHaveLength(api.entries.length);
    const byUnit = new Map(x.rows.map((r) => [r[2], r]));
    for (const e of api.entries) {
      const row = byUnit.get(e.unit)!;
      expect(row[3]).toBe(e.name);
      if (e.value === null) expect(row[4]).toBeUndefined();
      else expect(row[4] as number).toBeCloseTo(e.value, 4);
      expect(row[0] ?? null).toBe(e.rank);
      expect(row[6] ?? null).toBe(e.rank === null ? null : (e.change ?? '新'));
    }
    // ranked first, in rank order
    const ranks = x.rows.map((r) => r[0] as number | undefined).filter((r) => r !== undefined);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));

    const csv = parseCsv(
      (await exp(admin, { chart: 'ranking', format: 'csv', group: COUNTIES })).bytes.toString('utf8'),
    );
    expect(csv[0]![4]).toBe('综合得分（分）');
    for (const line of csv.slice(1)) {
      const e = api.entries.find((a) => a.unit === line[2])!;
      if (e.value === null) expect(line[4]).toBe('');
      else expect(Number(line[4])).toBeCloseTo(e.value, 4);
    }
  });

  it('ranking: SVG carries title, context, source and unit names; PNG is 2× the slide', async () => {
    const api = await createCaller(admin).analytics.ranking({
      indicator: 'party_lecture',
      window: '2026H1',
      group: CITY,
      today,
    });
    const svg = (
      await exp(admin, { chart: 'ranking', format: 'svg', group: CITY, indicator: 'party_lecture', unit: '990101' })
    ).bytes.toString('utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="1920" height="1080"/);
    for (const text of ['党课排名', '2026年上半年 · ', '数据来源：bixue 比学赶超', ...api.entries.map((e) => e.name)])
      expect(svg).toContain(text);
    // the ECharts font stack must not break the XML (double quotes inside style="…")
    expect(svg).not.toMatch(/style="[^"]*font-family:"/);

    const png = await exp(admin, { chart: 'ranking', format: 'png', group: CITY });
    expect(png.contentType).toBe('image/png');
    expect(pngSize(png.bytes)).toEqual({ width: 3840, height: 2160 });
    expect([png.width, png.height]).toEqual([3840, 2160]);
    const small = await exp(admin, { chart: 'ranking', format: 'png', group: CITY, size: '1280x720' });
    expect(pngSize(small.bytes)).toEqual({ width: 2560, height: 1440 });
  });

  it("draws one page of a long list on the slide, the selected unit's by default, while the files keep every unit", async () => {
    const api = await createCaller(admin).analytics.ranking({
      indicator: 'composite',
      window: '2026H1',
      group: COUNTIES,
      today,
    });
    // the API's order: rank, then name in Chinese collation, the unranked last
    const order = [...api.entries].sort(
      (a, b) => (a.rank ?? 1e9) - (b.rank ?? 1e9) || a.name.localeCompare(b.name, 'zh'),
    );
    expect(order.length).toBeGreaterThan(50);
    const svg2 = (await exp(admin, { chart: 'ranking', format: 'svg', group: COUNTIES, page: '2' })).bytes.toString(
      'utf8',
    );
    expect(svg2).toContain(`第 26–50 位，共 ${order.length} 个单位`);
    for (const e of order.slice(25, 50)) expect(svg2).toContain(e.name);
    for (const e of order.slice(0, 25)) expect(svg2).not.toContain(`>${e.name}<`);
    // the selected unit's page when none is asked for
    const at = order.findIndex((e) => e.unit === '990101');
    const from = Math.floor(at / 25) * 25;
    const own = (await exp(admin, { chart: 'ranking', format: 'svg', group: COUNTIES, unit: '990101' })).bytes.toString(
      'utf8',
    );
    expect(own).toContain(`第 ${from + 1}–${Math.min(from + 25, order.length)} 位`);
    const xlsx = await readXlsx(
      (await exp(admin, { chart: 'ranking', format: 'xlsx', group: COUNTIES, page: '2' })).bytes,
    );
    expect(xlsx.rows).toHaveLength(order.length);
    const heat = (await exp(admin, { chart: 'heatmap', format: 'svg', group: COUNTIES, page: '2' })).bytes.toString(
      'utf8',
    );
    expect(heat).toContain(`第 26–50 位，共 ${order.length} 个单位`);
    await expect(exp(admin, { chart: 'ranking', format: 'svg', group: COUNTIES, page: '0' })).rejects.toThrow(/page/);
  });

  it('ranking: PPTX has a native chart with the units and values in chart1.xml', async () => {
    const api = await createCaller(admin).analytics.ranking({
      indicator: 'party_lecture',
      window: '2026H1',
      group: CITY,
      today,
    });
    const file = await exp(admin, { chart: 'ranking', format: 'pptx', group: CITY, indicator: 'party_lecture' });
    const chart = await chartXml(file.bytes);
    const zip = await JSZip.loadAsync(file.bytes);
    expect(chart).toContain('<c:barChart>');
    for (const e of api.entries) {
      // an unranked unit's category says why it has no bar: 崇山区气象局（未报送）
      expect(chart).toContain(e.rank === null ? `<c:v>${e.name}（` : `<c:v>${e.name}</c:v>`);
      if (e.value !== null) expect(chart).toContain(`<c:v>${e.value}</c:v>`);
    }
    const slide = await zip.file('ppt/slides/slide1.xml')!.async('string');
    expect(slide).toContain('党课排名');
    expect(slide).toContain('数据来源：bixue 比学赶超');
  });

  it('trend: the file’s series is the API’s, and the deck draws it as a line chart', async () => {
    const api = await createCaller(admin).analytics.trend({
      unit: '990101',
      indicator: 'party_lecture',
      window: '2026H1',
      today,
    });
    // lectures are counted: a pro-rated target shows rounded up, in the file as on screen
    const shown = (t: number | null) => (t === null ? null : shownTarget(t, { unit: '次' }));
    const x = await readXlsx(
      (await exp(admin, { chart: 'trend', format: 'xlsx', unit: '990101', indicator: 'party_lecture' })).bytes,
    );
    expect(x.title).toBe('党课趋势');
    expect(x.context).toMatch(/^.+气象局 · 2022年下半年—2026年上半年 · .+下属单位$/);
    // English with the en dash: a span is not a parenthetical
    const en = await readXlsx(
      (await exp(admin, { chart: 'trend', format: 'xlsx', unit: '990101', indicator: 'party_lecture', lang: 'en' }))
        .bytes,
    );
    expect(en.context).toMatch(/^Anping · H2 2022–H1 2026 · /);
    expect(x.rows.map((r) => [r[1] ?? null, r[3] ?? null, r[6] ?? null])).toEqual(
      api.points.map((p) => [p.value, p.peerMedian, shown(p.target)]),
    );
    // 同比 and 环比 as ratios Excel shows as +12.5% (files keep four decimals)
    for (const [i, p] of api.points.entries()) {
      if (p.yoy === null) expect(x.rows[i]![7]).toBeUndefined();
      else expect(x.rows[i]![7] as number).toBeCloseTo(p.yoy, 3);
    }
    const chart = await chartXml(
      (await exp(admin, { chart: 'trend', format: 'pptx', unit: '990101', indicator: 'party_lecture' })).bytes,
    );
    expect(chart).toContain('<c:lineChart>');
    // the unit solid; the peers' median and the target dashed, as on screen
    expect(seriesOf(chart).map((s) => [s.values, s.dash])).toEqual([
      [api.points.map((p) => p.value), 'solid'],
      [api.points.map((p) => p.peerMedian), 'dash'],
      [api.points.map((p) => shown(p.target)), 'dash'],
    ]);
  });

  it('benchmark: one row per indicator with the API’s value, median and best', async () => {
    const api = await createCaller(admin).analytics.benchmark({ unit: '990101', window: '2026H1', today });
    const catalog = new Map((await createCaller(admin).catalog.indicators()).map((i) => [i.code, i]));
    const x = await readXlsx((await exp(admin, { chart: 'benchmark', format: 'xlsx', unit: '990101' })).bytes);
    expect(x.title).toBe('与同级对比');
    expect(x.rows.map((r) => [r[0], r[2] ?? null, r[7] ?? null, r[9] ?? null])).toEqual(
      api.lines.map((l) => [catalog.get(l.indicator)!.nameZh, l.value, l.peerMedian, l.best?.value ?? null]),
    );
  });

  it('heatmap: long-form rows equal the API’s cells; the deck holds a coloured table', async () => {
    const api = await createCaller(admin).analytics.heatmap({ window: '2026H1', group: CITY, today });
    const x = await readXlsx((await exp(admin, { chart: 'heatmap', format: 'xlsx', group: CITY })).bytes);
    expect(x.title).toBe('状态热力图');
    const withStatus = new Set(api.cells.filter((c) => c.colour !== 'grey').map((c) => c.indicator));
    const cells = api.cells.filter((c) => withStatus.has(c.indicator));
    expect(x.rows.map((r) => [r[0], r[4] ?? null])).toEqual(cells.map((c) => [c.unit, c.value]));
    for (const [i, c] of cells.entries()) {
      if (c.attainment === null) expect(x.rows[i]![5]).toBeUndefined();
      else expect(x.rows[i]![5] as number).toBeCloseTo(c.attainment, 3);
    }
    const zip = await JSZip.loadAsync((await exp(admin, { chart: 'heatmap', format: 'pptx', group: CITY })).bytes);
    const slide = await zip.file('ppt/slides/slide1.xml')!.async('string');
    expect(slide).toContain('<a:tbl>');
    expect(slide).toContain(api.units[0]!.name);
    expect(slide).toContain('2E9F5B');

    // an English cell without a value shows its icon alone (its words would shrink the whole
    // table's type), the key above the table says what the icon means; Chinese keeps its short words
    const cellsOf = async (lang: string) => {
      const deck = await JSZip.loadAsync(
        (await exp(admin, { chart: 'heatmap', format: 'pptx', group: CITY, lang })).bytes,
      );
      return text(await deck.file('ppt/slides/slide1.xml')!.async('string')).split('\n');
    };
    const [zh, en] = [await cellsOf('zh'), await cellsOf('en')];
    const unreported = zh.filter((l) => l === '– 未报送').length;
    expect(unreported).toBeGreaterThan(0);
    expect(en.filter((l) => l === '–')).toHaveLength(unreported);
    expect(en.filter((l) => l.includes('Not reported'))).toEqual([expect.stringContaining('■ – Not reported')]);
    expect(zh.filter((l) => l.includes('未报送'))).toHaveLength(unreported + 1);
  });

  it('a window the as-of month clips says 数据截至 in every file’s context line, as the cards do', async () => {
    // the demo is loaded as of 15 July 2026: its data as-of month is June, so the year 2026 is
    // judged on January–June and every file of it says so; 2026H1 ends in June and is not clipped
    const clipped = '2026年（数据截至2026年6月）';
    const file = await exp(admin, { chart: 'ranking', format: 'xlsx', group: COUNTIES, window: '2026' });
    expect(file.filename).toBe(`综合得分排名_${clipped}_全省县局.xlsx`);
    expect((await readXlsx(file.bytes)).context).toBe(`${clipped} · 全省县局`);
    const en = await readXlsx(
      (await exp(admin, { chart: 'ranking', format: 'xlsx', group: COUNTIES, window: '2026', lang: 'en' })).bytes,
    );
    expect(en.context).toBe('2026 (data through Jun 2026) · All counties in the province');
    // a CSV is the table, header first for scripts, with the source line under it: its name carries the context
    const csv = await exp(admin, { chart: 'ranking', format: 'csv', group: COUNTIES, window: '2026' });
    expect(csv.filename).toBe(`综合得分排名_${clipped}_全省县局.csv`);
    expect(parseCsv(csv.bytes.toString('utf8'))[0]![0]).toBe('名次');
    // the SVG is what the PNG is drawn from
    const svg = (await exp(admin, { chart: 'heatmap', format: 'svg', group: CITY, window: '2026' })).bytes.toString(
      'utf8',
    );
    expect(svg).toContain(`${clipped} · 云川市气象局下属单位`);
    const zip = await JSZip.loadAsync(
      (await exp(admin, { chart: 'ranking', format: 'pptx', group: CITY, window: '2026' })).bytes,
    );
    expect(await zip.file('ppt/slides/slide1.xml')!.async('string')).toContain(`${clipped} · 云川市气象局下属单位`);
    // the unit's charts: the trend's last window, the benchmark's, 序时进度's year
    const trend = await readXlsx(
      (await exp(admin, { chart: 'trend', format: 'xlsx', unit: '990101', indicator: 'party_lecture', window: '2026' }))
        .bytes,
    );
    expect(trend.context).toContain(`年—${clipped} · `);
    const bench = await readXlsx(
      (await exp(admin, { chart: 'benchmark', format: 'xlsx', unit: '990101', window: '2026' })).bytes,
    );
    expect(bench.context).toContain(`· ${clipped} ·`);
    const gaps = await readXlsx(
      (await exp(admin, { chart: 'gaps', format: 'xlsx', unit: '990101', window: '2026' })).bytes,
    );
    expect(gaps.context).toBe('安平县气象局 · 2026年全年目标（数据截至2026年6月）');
    // not clipped: no note
    const h1 = await readXlsx(
      (await exp(admin, { chart: 'gaps', format: 'xlsx', unit: '990101', window: '2025' })).bytes,
    );
    expect(h1.context).toBe('安平县气象局 · 2025年全年目标');
  });

  it('an English file writes measure units in English: (times), not （次）', async () => {
    const zh = await readXlsx(
      (await exp(admin, { chart: 'ranking', format: 'xlsx', group: CITY, indicator: 'party_lecture' })).bytes,
    );
    expect(zh.header[4]).toBe('党课（次）');
    const en = await readXlsx(
      (await exp(admin, { chart: 'ranking', format: 'xlsx', group: CITY, indicator: 'party_lecture', lang: 'en' }))
        .bytes,
    );
    expect(en.header[4]).toMatch(/ \(times\)$/);
    expect(en.header.join(' ')).not.toMatch(/次/);
  });

  it('an English file names units in English: full names in the table, short ones on the chart, no Chinese name', async () => {
    const units = createCaller(admin).units;
    await units.setNameEn({ unit: '990100', nameEn: 'Nanping City Bureau', shortNameEn: 'Nanping' });
    onTestFinished(async () => {
      await units.setNameEn({ unit: '990100', nameEn: null });
    });
    const api = await createCaller(admin).analytics.ranking({
      indicator: 'party_lecture',
      window: '2026H1',
      group: CITY,
      today,
    });
    const req = { chart: 'ranking', group: CITY, indicator: 'party_lecture', lang: 'en' } as const;
    const chinese = [...api.entries.map((e) => e.name), '云川市气象局', '云川市'];

    const xlsx = await readXlsx((await exp(admin, { ...req, format: 'xlsx' })).bytes);
    // the counties of the city named by the admin: its short name in the context line
    expect(xlsx.context).toBe('H1 2026 · Units under Nanping');
    expect(xlsx.rows.map((r) => r[3])).toEqual(expect.arrayContaining(api.entries.map((e) => e.nameEn)));
    expect(api.entries.map((e) => e.nameEn)).toContain('Anping County Meteorological Bureau');

    // the PNG is this SVG drawn: its axis carries the short names
    const svg = (await exp(admin, { ...req, format: 'svg' })).bytes.toString('utf8');
    const zip = await JSZip.loadAsync((await exp(admin, { ...req, format: 'pptx' })).bytes);
    const slide = await zip.file('ppt/slides/slide1.xml')!.async('string');
    const chart = await chartXml(await zip.generateAsync({ type: 'nodebuffer' }));
    for (const text of [svg, slide]) expect(text).toContain('Nanping');
    for (const e of api.entries) {
      expect(svg).toContain(e.shortNameEn);
      expect(chart).toContain(`<c:v>${e.shortNameEn}`);
    }
    for (const text of [svg, slide, chart, JSON.stringify(xlsx)])
      for (const name of chinese) expect(text).not.toContain(name);
  });

  it('stays within the caller’s scope: the procedure refuses another city’s group', async () => {
    const err = await exp(reporter, { chart: 'ranking', format: 'csv', group: 'siblings:990200' }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe('FORBIDDEN');
    // in scope: the reporter's own line only
    const own = parseCsv(
      (await exp(reporter, { chart: 'ranking', format: 'csv', group: CITY })).bytes.toString('utf8'),
    );
    expect(own.slice(1).map((l) => l[2])).toEqual(['990101']);
  });

  it('names the bad field', async () => {
    for (const [req, field] of [
      [{ chart: 'ranking', format: 'csv', group: CITY, window: '26H1' }, 'window'],
      [{ chart: 'ranking', format: 'gif', group: CITY }, 'format'],
      [{ chart: 'ranking', format: 'png', group: CITY, size: '800x600' }, 'size'],
      [{ chart: 'ranking', format: 'csv', group: CITY, unit: '99' }, 'unit'],
      [{ chart: 'pie', format: 'csv' }, 'chart'],
    ] as const) {
      const err = (await exp(admin, req).catch((e: unknown) => e)) as TRPCError;
      expect(err.code, field).toBe('BAD_REQUEST');
      expect(err.message.startsWith(`${field}: `), err.message).toBe(true);
      // and in English beside it, for English pages and the HTTP faces' errorEn
      const en = messageEnOf(err) ?? '';
      expect(en.startsWith(`${field}: `) && !/\p{Script=Han}/u.test(en), en).toBe(true);
    }
  });

  it('refuses a benchmark of a unit alone in its group rather than drawing it against itself', async () => {
    // the demo holds one province: 990000 is alone among 全部省局, its default group
    const err = (await exp(admin, { chart: 'benchmark', format: 'png', unit: '990000' }).catch(
      (e: unknown) => e,
    )) as TRPCError;
    expect(err.code).toBe('BAD_REQUEST');
    expect([err.message, messageEnOf(err)]).toEqual([
      'group: 比较组「全部省局」中只有 990000，没有可对比的同级单位：请另选一组',
      'group: 990000 is alone in comparison group “All provinces”: there are no peers to compare with; choose another group',
    ]);
  });
});
