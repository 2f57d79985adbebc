import { readFile } from 'node:fs/promises';
import { testDbKinds } from '@bixue/db/testing';
import { describe, expect, it } from 'vitest';
import { inEnglish, linesOf } from '../english-for-tests.ts';
import { useFixtureCli } from '../fixture-cli.ts';

/** `bixue export` over the fixture of packages/db/src/testing, whose numbers are known by hand. */
describe.each(testDbKinds())('bixue export on %s', (kind) => {
  const { bixue, path } = useFixtureCli(kind, 'export');
  const ranking = [
    'export',
    '--chart',
    'ranking',
    '--indicator',
    'party_lecture',
    '--window',
    '2024',
    '--group',
    'siblings:880100',
  ];

  it('writes the ranking as CSV and PNG and says what it wrote', async () => {
    const csvPath = path('ranking.csv');
    const r = await bixue(...ranking, '--format', 'csv', '--out', csvPath, '--json');
    expect(r.stderr).toBe('');
    const csv = await readFile(csvPath, 'utf8');
    expect(JSON.parse(r.stdout)).toEqual({
      ok: true,
      file: csvPath,
      bytes: Buffer.byteLength(csv),
      width: null,
      height: null,
      filename: expect.stringMatching(/^党课排名_2024年_.+下属单位\.csv$/),
    });
    // party_lecture 2024 among 880100's counties: 5, 3, 3, 1 → ranks 1, 2, 2, 4; 2023 ranks 2, 1, 3, none
    const [table, source] = csv.slice(1).trimEnd().split('\r\n\r\n');
    expect(source).toMatch(/^数据来源：bixue 比学赶超 · 数据版本 v\d+ · 数据截至\d{4}年\d{1,2}月 · 导出时间：/);
    const [header, ...rows] = table!.split('\r\n').map((l) => l.split(','));
    expect(header).toEqual([
      '名次',
      '名次说明',
      '单位代码',
      '单位',
      '党课（次）',
      '数据状态',
      '名次变化（与2023年相比）',
    ]);
    expect(rows.map((l) => [l[0], l[2], l[4], l[6]])).toEqual([
      ['1', '880101', '5', '1'],
      ['2', '880102', '3', '-1'],
      ['2', '880103', '3', '1'],
      ['4', '880104', '1', '新'],
    ]);

    const pngPath = path('ranking.png');
    const p = await bixue(...ranking, '--format', 'png', '--out', pngPath, '--json');
    expect(JSON.parse(p.stdout)).toMatchObject({ ok: true, width: 3840, height: 2160 });
    const png = await readFile(pngPath);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([3840, 2160]);
  });

  it('exits 2 on a chart it does not know, 1 with a message on a unit that does not exist', async () => {
    const out = path('x.csv');
    const pie = await bixue('export', '--chart', 'pie', '--window', '2024', '--format', 'csv', '--out', out);
    expect(pie.code).toBe(2);
    expect(pie.stderr).toContain('pie');
    const unknown = await bixue(
      'export',
      '--chart',
      'trend',
      '--unit',
      '889999',
      '--indicator',
      'party_lecture',
      '--window',
      '2024',
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('889999');
    const badWindow = await bixue(
      ...ranking.slice(0, 5),
      '--window',
      '24H1',
      '--group',
      'siblings:880100',
      '--format',
      'csv',
      '--out',
      out,
    );
    expect(badWindow.code).toBe(1);
    expect(badWindow.stderr).toContain('window');
  });

  /** the name the file would be downloaded under, which is in the file's language */
  const filename = async (...args: string[]) =>
    (JSON.parse((await bixue(...args, '--json')).stdout) as { filename: string }).filename;

  it('--lang en, the program’s one option, writes the file in English after the command or before it', async () => {
    const after = path('en-after.csv');
    const r = await inEnglish(bixue, ...ranking, '--format', 'csv', '--out', after);
    const csv = await readFile(after, 'utf8');
    expect([r.code, linesOf(r)]).toEqual([0, [`Exported ${after} (${Buffer.byteLength(csv)} bytes)`]]);
    expect(csv.slice(1).split('\r\n')[0]!.split(',').slice(0, 4)).toEqual(['Rank', 'Rank (text)', 'Unit code', 'Unit']);
    const before = path('en-before.csv');
    expect((await bixue('--lang', 'en', ...ranking, '--format', 'csv', '--out', before)).code).toBe(0);
    // the same file but for the time in its source line
    const timeless = (s: string) => s.replace(/exported .*$/m, '');
    expect(timeless(await readFile(before, 'utf8'))).toBe(timeless(csv));
    expect(await filename(...ranking, '--format', 'csv', '--out', before, '--lang', 'en')).toMatch(
      /^Ranking_by_Party_lectures_2024_/,
    );

    const unknown = await inEnglish(
      bixue,
      ...['export', '--chart', 'trend', '--unit', '889999', '--indicator', 'party_lecture', '--window', '2024'],
      ...['--format', 'csv', '--out', path('x.csv')],
    );
    expect(unknown).toEqual({ code: 1, stdout: '', stderr: 'error: Unit 889999 does not exist\n' });
  });

  it('brief --lang en writes an English briefing and says so in English', async () => {
    const out = path('brief.pptx');
    const brief = ['brief', '--window', '2024', '--group', 'siblings:880100', '--charts', 'ranking:party_lecture'];
    const r = await inEnglish(bixue, ...brief, '--format', 'pptx', '--out', out);
    const bytes = (await readFile(out)).length;
    expect([r.code, linesOf(r)]).toEqual([0, [`Briefing written to ${out} (${bytes.toLocaleString('en-US')} bytes)`]]);
    expect(await filename(...brief, '--format', 'pptx', '--out', out, '--lang', 'en')).not.toMatch(/\p{Script=Han}/u);
    expect(await filename(...brief, '--format', 'pptx', '--out', out)).toMatch(/\p{Script=Han}/u);
  });
});
