/** Test support: every command the CLI's help lists. */
import type { Bixue } from './run-for-tests.ts';

/** The leaf commands under `group`, as its help lists them, group by group (units → units import). */
export async function helpedCommands(bixue: Bixue, ...group: string[]): Promise<string[]> {
  const help = (await bixue(...group, '--help')).stdout;
  if (!help.includes('Commands:')) return [group.join(' ')];
  const names = [...help.slice(help.indexOf('Commands:')).matchAll(/^ {2}([a-z-]+)/gm)].map((m) => m[1]!);
  return (await Promise.all(names.filter((n) => n !== 'help').map((n) => helpedCommands(bixue, ...group, n)))).flat();
}
