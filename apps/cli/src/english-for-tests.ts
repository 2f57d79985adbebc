/** Test support: a command's English printout, checked for Chinese, and its JSON checked for sameness. */
import { expect } from 'vitest';
import type { Bixue, CliRun } from './run-for-tests.ts';

const HAN = /\p{Script=Han}/u;

/** `bixue … --lang en`, after checking that not one Chinese character reached stdout or stderr. */
export async function inEnglish(bixue: Bixue, ...args: string[]): Promise<CliRun> {
  const r = await bixue(...args, '--lang', 'en');
  expect(`${r.stdout}${r.stderr}`).not.toMatch(HAN);
  return r;
}

/** The printout's lines, without the newline that ends the last. */
export const linesOf = (r: CliRun): string[] => r.stdout.replace(/\n$/, '').split('\n');

/** `--json` is a fixed contract: the same document, byte for byte, whatever the language. */
export async function expectSameJson(bixue: Bixue, ...args: string[]): Promise<void> {
  const zh = await bixue(...args, '--json');
  const en = await bixue(...args, '--json', '--lang', 'en');
  expect(en).toEqual(zh);
}
