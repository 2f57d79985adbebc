import { describe, expect, it } from 'vitest';
import { helpedCommands } from './help-for-tests.ts';
import { runInProcess } from './run-for-tests.ts';

const HAN = /\p{Script=Han}/u;

/** `bixue … --help` needs no database: run with the caller's environment, less any language it sets. */
const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => {
  const { BIXUE_LANG: _, ...rest } = process.env;
  return { ...rest, ...extra };
};
const bixue = (...args: string[]) => runInProcess(args, env());

/** Every help there is: the program's, each group's (db, units, cycle, versions) and each command's. */
async function everyHelp(): Promise<string[][]> {
  const leaves = (await helpedCommands(bixue)).map((c) => c.split(' '));
  const groups = [...new Set(leaves.filter((c) => c.length > 1).map((c) => c[0]!))].map((g) => [g]);
  return [[], ...groups, ...leaves];
}

describe('bixue --help', () => {
  it('has not one Chinese character in English, however the language is chosen', async () => {
    const helps = await everyHelp();
    // the program, its 4 groups and its 22 commands
    expect(helps).toHaveLength(1 + 4 + 22);
    for (const command of helps) {
      const ways = [
        runInProcess([...command, '--help', '--lang', 'en'], env()),
        runInProcess(['--lang=en', ...command, '--help'], env()),
        runInProcess([...command, '--help'], env({ BIXUE_LANG: 'en' })),
      ];
      for (const r of await Promise.all(ways)) {
        expect([r.code, r.stderr], command.join(' ')).toEqual([0, '']);
        expect(r.stdout, command.join(' ')).toMatch(/^Usage: bixue/);
        expect(r.stdout, command.join(' ')).not.toMatch(HAN);
      }
    }
    const lines = async (...args: string[]) => (await bixue(...args)).stdout.split('\n');
    expect(await lines('--lang', 'en', '--help')).toEqual(
      expect.arrayContaining([
        'bixue — party-building indicators, on the command line',
        '  db                       database',
        '  rollup [options]         roll one unit × indicator up to a window',
      ]),
    );
    expect(await lines('--lang', 'en', 'cycle', '--help')).toContain("  submit [options]   submit a unit's task");
  });

  it('keeps its Chinese words by default, as it always has', async () => {
    const lines = async (...args: string[]) => (await bixue(...args)).stdout.split('\n');
    expect(await lines('--help')).toEqual(
      expect.arrayContaining([
        'bixue 比学赶超 — 党建指标分析平台 command line',
        '  db                       数据库 database',
        '  units                    单位 units',
        '  rollup [options]         roll one unit × indicator up to a window (汇总)',
        '  attainment [options]     actual against the pro-rated target (达标情况)',
        '                           通报 or a zip of PNGs (简报)',
      ]),
    );
    expect(await lines('cycle', '--help')).toEqual(
      expect.arrayContaining(["  submit [options]   提交 a unit's task", "  return [options]   退回 a unit's task"]),
    );
    expect(await lines('ranking', '--help')).toContain(
      '                      to it (default: the province’s 数据截至)',
    );
    // a language the CLI does not speak is refused by the program, its help still written in Chinese
    const fr = await bixue('--lang', 'fr', '--help');
    expect([fr.code, fr.stderr.split('\n')[0]]).toEqual([
      2,
      "error: option '--lang <lang>' argument 'fr' is invalid. Allowed choices are zh, en.",
    ]);
    expect(fr.stderr).toContain('  db                       数据库 database');
  });
});
