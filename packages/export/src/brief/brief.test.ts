import { type ApiContext, createCaller } from '@bixue/api';
import { demoContext } from '@bixue/api/testing';
import { describeEachDb, TEST_AS_OF } from '@bixue/db/testing';
import JSZip from 'jszip';
import { beforeAll, expect, it } from 'vitest';
import { fileNumber } from '../table.ts';
import { openDeck, seriesOf, text } from '../testing/open-deck.ts';
import { briefFile } from './brief.ts';
import { parseChartSpecs } from './spec.ts';

const today = TEST_AS_OF.toISOString().slice(0, 10);
const WINDOW = '2026H1';
const CITY = 'siblings:990100';
const SPECS = 'ranking:composite,heatmap,trend:990101:members_congress,composite:990101,gaps:990101';

describeEachDb('briefings', 'demo', (t) => {
  const db = () => t.db();
  const { kind } = t;
  let admin: ApiContext;
  beforeAll(async () => {
    admin = await demoContext(db(), kind, 'admin');
  });
  const items = (specs: string, group: string | undefined = CITY) =>
    parseChartSpecs(specs, { window: WINDOW, group, today });

  it('PPTX: a title slide, then one slide per chart with the API’s numbers in native charts, commentary and notes', async () => {
    const api = createCaller(admin).analytics;
    const file = await briefFile(admin, { items: items(SPECS), format: 'pptx' });
    expect(file.filename).toBe('测试省气象局党建指标简报.pptx');
    const deck = await openDeck(file.bytes);
    expect(deck).toHaveLength(1 + 5);
    expect(deck[0]!.text).toContain('测试省气象局党建指标简报');
    expect(deck[0]!.text).toContain('报告期：2026年上半年');
    expect(deck.slice(1).map((s) => s.text.split('\n')[0])).toEqual([
      '综合得分排名',
      '状态热力图',
      '党员大会趋势',
      '综合得分构成',
      '序时进度',
    ]);

    // ranking: one bar per unit, best on top (PowerPoint draws the first category at the bottom)
    const ranking = await api.ranking({ indicator: 'composite', window: WINDOW, group: CITY, today });
    const [bars] = seriesOf(deck[1]!.chart!);
    expect(bars!.name).toBe('综合得分');
    const ranked = ranking.entries.filter((e) => e.rank !== null).sort((a, b) => a.rank! - b.rank!);
    const drawn = bars!.values.slice().reverse();
    ranked.forEach((e, i) => expect(drawn[i]).toBeCloseTo(e.value!, 6));
    expect(drawn.slice(ranked.length).every((v) => v === null)).toBe(true);
    // bars from zero, as on screen (an office suite would start the axis near the lowest score)
    expect(/<c:valAx>[\s\S]*?<c:scaling>([\s\S]*?)<\/c:scaling>/.exec(deck[1]!.chart!)![1]).toContain(
      '<c:min val="0"/>',
    );
    // notes: the data as CSV, one line per unit with the value to four decimals
    for (const e of ranking.entries)
      expect(deck[1]!.notes).toContain(`,${e.unit},${e.name},${e.value === null ? '' : fileNumber(e.value)},`);

    // heatmap: a native table, no chart part
    expect(deck[2]!.chart).toBeNull();
    const heat = await api.heatmap({ window: WINDOW, group: CITY, today });
    for (const u of heat.units) expect(deck[2]!.text).toContain(u.name);

    // trend: the unit's line and the peers' median are the API's points
    const trend = await api.trend({
      unit: '990101',
      indicator: 'members_congress',
      window: WINDOW,
      group: CITY,
      today,
    });
    const lines = seriesOf(deck[3]!.chart!);
    expect(lines[0]!.name).toBe('安平县气象局');
    expect(lines[0]!.values).toEqual(trend.points.map((p) => p.value));
    expect(lines[1]!.values).toEqual(trend.points.map((p) => p.peerMedian));
    expect(lines.map((l) => l.dash)).toEqual(['solid', 'dash', ...(lines.length > 2 ? ['dash'] : [])]);

    // composite: the contributions add up to the API's score, which ends the waterfall
    const comp = await api.composite({ unit: '990101', window: WINDOW, group: CITY, today });
    const [steps] = seriesOf(deck[4]!.chart!);
    const parts = steps!.values.slice().reverse();
    expect(parts.at(-1)).toBeCloseTo(comp.score!, 6);
    expect(parts.slice(0, -1).reduce((s, v) => s! + v!, 0)).toBeCloseTo(comp.score!, 6);

    // every chart slide carries its commentary, and its notes the same words
    for (const s of deck.slice(1)) {
      expect(s.text).toMatch(/。/);
      expect(s.notes).toContain('数据来源：bixue 比学赶超');
    }
  });

  it('title slide: the province, the window and 数据截至 — the as-of month every chart was judged up to', async () => {
    const settings = createCaller(admin).admin;
    const before = (await settings.settings()).data_as_of;
    const titleSlide = async (lang?: string) =>
      (await openDeck((await briefFile(admin, { items: items('ranking:composite'), format: 'pptx', lang })).bytes))[0]!
        .text;
    try {
      // months of the test's own, so the slide's words are known without reading them from the code
      await settings.setDataAsOf({ value: '2026-06' });
      expect((await titleSlide()).split('\n').slice(0, 4)).toEqual([
        '测试省气象局党建指标简报',
        '范围：测试省气象局',
        '报告期：2026年上半年',
        '数据截至2026年6月',
      ]);
      expect(await titleSlide('en')).toContain('Data through Jun 2026');
      // 序时进度 says 数据截至 for the window and the ranking does not: the window is named once, as the
      // chart that says more
      const mixed = await openDeck(
        (await briefFile(admin, { items: items('ranking:composite,gaps:990101'), format: 'pptx' })).bytes,
      );
      expect(mixed[0]!.text.split('\n').filter((l) => l.startsWith('报告期'))).toEqual([
        '报告期：2026年上半年（数据截至2026年6月）',
      ]);
      // the data version the charts were drawn from, so the deck can be drawn again as it was
      const version = (await createCaller(admin).versions.diff({ unit: '990000', from: 0 })).current;
      expect((await titleSlide()).split('\n')).toContain(`数据版本 v${version}`);
      // a month inside the window: the window line says it, once
      await settings.setDataAsOf({ value: '2026-05' });
      const lines = (await titleSlide()).split('\n');
      expect(lines.slice(1, 3)).toEqual(['范围：测试省气象局', '报告期：2026年上半年（数据截至2026年5月）']);
      expect(lines.filter((l) => l.includes('数据截至'))).toHaveLength(1);
    } finally {
      await settings.setDataAsOf({ value: before });
    }
  });

  it('benchmark slides: % of the peer median on an axis no outlier stretches, the real numbers in the row names', async () => {
    const b = await createCaller(admin).analytics.benchmark({ unit: '990101', window: WINDOW, group: CITY, today });
    const deck = await openDeck((await briefFile(admin, { items: items('benchmark:990101'), format: 'pptx' })).bytes);
    const slides = deck.slice(1);
    // independently: each indicator's unit, median and best over the median / 100 (median = 100)
    const rel = (v: number | null | undefined, median: number | null) =>
      v === null || v === undefined || median === null || median <= 0 ? null : (100 * v) / median;
    const lines = new Map(b.lines.map((l) => [l.indicator, l]));
    const catalog = new Map((await createCaller(admin).catalog.indicators()).map((i) => [i.code, i]));
    const byName = new Map([...lines.keys()].map((code) => [catalog.get(code)!.nameZh, lines.get(code)!]));
    let outliers = 0;
    let drawn = 0;
    for (const slide of slides) {
      const xml = slide.chart!;
      const max = Number(/<c:valAx>[\s\S]*?<c:max val="([\d.]+)"\/>/.exec(xml)![1]);
      // the axis ends at 3.5× the median at most, however far ahead the best peer is
      expect(max).toBeLessThanOrEqual(350);
      const names = [...xml.matchAll(/<c:cat>[\s\S]*?<\/c:cat>/g)][0]![0];
      const rows = [...names.matchAll(/<c:pt idx="\d+"><c:v>([^<]*)<\/c:v><\/c:pt>/g)].map(([, v]) => v!).reverse();
      const [unit, median, best] = seriesOf(xml).map((x) => x.values.slice().reverse());
      rows.forEach((label, i) => {
        const name = label.split('：')[0]!;
        const line = byName.get(name)!;
        if (line.peerMedian === null || line.peerMedian <= 0) return;
        drawn++;
        for (const [bar, v] of [
          [unit![i], line.value],
          [median![i], line.peerMedian],
          [best![i], line.best?.value],
        ] as const) {
          const want = rel(v, line.peerMedian);
          if (want !== null && want > max) outliers++;
          if (want === null) expect(bar ?? null).toBeNull();
          else expect(bar).toBeCloseTo(Math.min(want, max), 9);
        }
        // the real numbers, which the relative bars no longer show
        if (line.value !== null) expect(label).toContain(`本单位${line.value}`);
        if (line.best) expect(label).toContain(`最佳${line.best.value}`);
      });
    }
    expect(drawn).toBeGreaterThan(10);
    // the demo has peers far ahead (a best at 4–8× the median): drawn at the cap, not stretching the axis
    expect(outliers).toBeGreaterThan(0);
  });

  it('movers (进步最快 / 退步最多): bars, table and commentary are the API’s rank changes', async () => {
    const group = 'level:county@990000';
    const ranking = await createCaller(admin).analytics.ranking({
      indicator: 'composite',
      window: WINDOW,
      group,
      today,
    });
    // independently: the five biggest climbs and the five biggest falls (ties by name)
    const moved = ranking.entries.filter((e): e is typeof e & { change: number } => typeof e.change === 'number');
    const side = (sign: 1 | -1) =>
      moved
        .filter((e) => Math.sign(e.change) === sign)
        .sort((a, b) => sign * (b.change - a.change) || a.name.localeCompare(b.name, 'zh'))
        .slice(0, 5);
    const [up, down] = [side(1), side(-1)];
    expect(up.length).toBeGreaterThan(0);
    expect(down.length).toBeGreaterThan(0);
    const deck = await openDeck((await briefFile(admin, { items: items('movers', group), format: 'pptx' })).bytes);
    const slide = deck[1]!;
    expect(slide.text.split('\n')[0]).toBe('进步最快 / 退步最多');
    const [bars] = seriesOf(slide.chart!);
    expect(bars!.values.slice().reverse()).toEqual([...up, ...down].map((e) => e.change));
    // falls in red and rises in the data colour, point by point; the names at the axis' low end, off the zero line
    const colours = new Map(
      [...slide.chart!.matchAll(/<c:dPt>\s*<c:idx val="(\d+)"\/>[\s\S]*?<a:srgbClr val="([0-9A-F]{6})"\/>/g)].map(
        ([, i, c]) => [Number(i), c],
      ),
    );
    bars!.values.forEach((v, i) => expect(colours.get(i), String(v)).toBe(v! < 0 ? 'D64541' : '5B7DB1'));
    expect(/<c:catAx>[\s\S]*?<c:tickLblPos val="([a-z]+)"\/>/.exec(slide.chart!)![1]).toBe('low');
    const said = (xs: typeof up) => xs.map((e) => `${e.name}（${e.change > 0 ? '↑' : '↓'}${Math.abs(e.change)}位）`);
    const join = (xs: string[]) => (xs.length > 1 ? `${xs.slice(0, -1).join('、')}和${xs.at(-1)}` : xs[0]!);
    expect(slide.text).toContain(`进步最快的是${join(said(up))}。`);
    expect(slide.text).toContain(`退步最多的是${join(said(down))}。`);
    // the notes' table: one line per unit listed, its code and its change as a number
    for (const e of [...up, ...down]) expect(slide.notes).toContain(`,${e.unit},${e.name},${e.change},`);
  });

  it('commentary: every number in the ranking’s sentences is the API’s', async () => {
    const ranking = await createCaller(admin).analytics.ranking({
      indicator: 'composite',
      window: WINDOW,
      group: CITY,
      today,
    });
    const deck = await openDeck((await briefFile(admin, { items: items('ranking:composite'), format: 'pptx' })).bytes);
    const said = deck[1]!.text.split('\n').find((l) => l.startsWith('本期综合得分前三位是'))!;
    // independently: the units ranked 1–3 with their scores to one decimal, the biggest climb, the unranked count
    const top = ranking.entries.filter((e) => e.rank !== null && e.rank <= 3).sort((a, b) => a.rank! - b.rank!);
    const one = (v: number) => String(Math.round(v * 10) / 10);
    expect(said).toContain(
      `本期综合得分前三位是${top
        .map((e) => `${e.name}（${one(e.value!)}分）`)
        .join('、')
        .replace(/、([^、]*)$/, '和$1')}。`,
    );
    const climb = Math.max(...ranking.entries.map((e) => e.change ?? 0));
    const climbers = ranking.entries.filter((e) => e.change === climb).map((e) => e.name);
    expect(said).toContain(`进步最快的是${climbers.join('、')}（↑${climb}位）。`);
    const unranked = ranking.entries.filter((e) => e.rank === null).length;
    expect(said).toContain(`${unranked}个单位未报送或未公开`);
    // no other number: every figure in the text is one of those
    const allowed = new Set([...top.map((e) => one(e.value!)), String(climb), String(unranked)]);
    for (const n of said.match(/\d+(\.\d+)?/g)!) expect(allowed).toContain(n);
  });

  it('English: every word of the deck in English', async () => {
    const deck = await openDeck(
      (await briefFile(admin, { items: items('ranking:composite,gaps:990101'), format: 'pptx', lang: 'en' })).bytes,
    );
    expect(deck[0]!.text).toMatch(/party-building briefing/);
    expect(deck[1]!.text).toContain('Composite score ranking');
    expect(deck[1]!.text).toContain('Top three by Composite score');
    expect(deck[2]!.text).toContain('Progress to date');
    expect(deck[1]!.notes).toContain('Rank,Rank (text),Unit code,Unit');
  });

  it('DOCX: a 通报 with numbered sections, commentary, the ranking table with the API’s numbers and the charts as images', async () => {
    const ranking = await createCaller(admin).analytics.ranking({
      indicator: 'composite',
      window: WINDOW,
      group: CITY,
      today,
    });
    const file = await briefFile(admin, { items: items('ranking:composite,heatmap'), format: 'docx' });
    const zip = await JSZip.loadAsync(file.bytes);
    const xml = await zip.file('word/document.xml')!.async('string');
    const body = text(xml);
    expect(body).toContain('测试省气象局党建指标简报');
    expect(body).toContain('现将2026年上半年党建指标情况通报如下：');
    expect(body).toContain('一、综合得分排名');
    expect(body).toContain('二、状态热力图');
    expect(body).toContain('本期综合得分前三位是');
    // each unit's row: its name, then its score at the precision shown on screen (one decimal)
    const lines = body.split('\n');
    for (const e of ranking.entries) {
      const at = lines.indexOf(e.name);
      expect(at, e.name).toBeGreaterThan(0);
      const shown = e.value === null ? '–' : (Math.round(e.value * 10) / 10).toFixed(1).replace(/\.0$/, '');
      expect(lines[at + 1], e.name).toBe(shown);
    }
    const images = Object.keys(zip.files).filter((f) => /^word\/media\/.*\.png$/.test(f));
    expect(images).toHaveLength(2);
    // a picture's paragraph has no fixed line height: LibreOffice clips the picture to it
    const pictures = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:drawing>/g)].map((m) => m[0]);
    expect(pictures).toHaveLength(2);
    for (const p of pictures) expect(p).not.toMatch(/w:line=/);
    // each section's heading, context line and commentary stay on the page of its chart
    const paragraphs = [...xml.matchAll(/<w:p>(?:(?!<\/w:p>)[\s\S])*?<\/w:p>/g)].map((m) => m[0]);
    const kept = (starts: string) => paragraphs.find((p) => text(p).startsWith(starts))!.includes('<w:keepNext/>');
    expect(['一、综合得分排名', '2026年上半年', '本期综合得分前三位是', '二、状态热力图'].map(kept)).toEqual([
      true,
      true,
      true,
      true,
    ]);
    expect(paragraphs.filter((p) => p.includes('<w:drawing>')).some((p) => p.includes('<w:keepNext/>'))).toBe(false);
  });

  it('a window the as-of month clips: the title slide, the 通报 and the slides say 数据截至', async () => {
    // the demo's as-of month is June 2026 (loaded as of 15 July): the year 2026 is judged on January–June
    const year = (specs: string) => parseChartSpecs(specs, { window: '2026', group: CITY, today });
    const deck = await openDeck((await briefFile(admin, { items: year('ranking:composite'), format: 'pptx' })).bytes);
    expect(deck[0]!.text).toContain('报告期：2026年（数据截至2026年6月）');
    expect(deck[1]!.text).toContain('2026年（数据截至2026年6月） · 云川市气象局下属单位');
    const zip = await JSZip.loadAsync(
      (await briefFile(admin, { items: year('ranking:composite'), format: 'docx' })).bytes,
    );
    const body = text(await zip.file('word/document.xml')!.async('string'));
    expect(body).toContain('现将2026年（数据截至2026年6月）党建指标情况通报如下：');
    const en = await openDeck(
      (await briefFile(admin, { items: year('ranking:composite'), format: 'pptx', lang: 'en' })).bytes,
    );
    expect(en[0]!.text).toContain('Period: 2026 (data through Jun 2026)');
  });

  it('zip: one 2× PNG per chart page, numbered in order', async () => {
    const file = await briefFile(admin, { items: items('ranking:composite,composite:990101'), format: 'zip' });
    const zip = await JSZip.loadAsync(file.bytes);
    const names = Object.keys(zip.files).sort();
    expect(names).toEqual([
      '01_综合得分排名_2026年上半年_云川市气象局下属单位.png',
      '02_综合得分构成_安平县气象局_2026年上半年_云川市气象局下属单位.png',
    ]);
    const png = await zip.file(names[0]!)!.async('nodebuffer');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([2560, 1440]);
  });

  it('checks each chart against the caller’s scope, and names the bad field', async () => {
    const reporter = await demoContext(db(), kind, 'reporter');
    await expect(
      briefFile(reporter, { items: items('heatmap', 'siblings:990200'), format: 'pptx' }),
    ).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(() => items('ranking')).toThrow(/charts: ranking 应写作 ranking:INDICATOR\|composite/);
    expect(() => items('pie:1')).toThrow(/charts: 未知的图表 pie:1/);
    await expect(briefFile(admin, { items: items('heatmap'), format: 'pdf' })).rejects.toThrow(/^format: /);
  });
});
