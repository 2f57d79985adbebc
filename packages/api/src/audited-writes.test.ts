import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'dist') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return /\.(ts|vue)$/.test(name) && !name.endsWith('.test.ts') ? [path] : [];
  });
}

it('writes facts from the API, the CLI and the server only through writeFactsAs', () => {
  // writeFactsAs checks the writer's scope and puts the writer's name in the audit log; routeWrites
  // is its reporting-cycle half (also the import's writer), and approving a task moves its drafts
  // into facts after the 'task' scope rule checked the reviewer
  const direct = ['packages/api/src', 'apps/api/src', 'apps/cli/src']
    .flatMap((d) => sources(join(REPO, d)))
    .filter((f) => /\bwriteFacts\s*\(/.test(readFileSync(f, 'utf8')))
    .map((f) => relative(REPO, f));
  expect(direct).toEqual([
    'packages/api/src/services/cycle/route-writes.ts',
    'packages/api/src/services/cycle/tasks.ts',
  ]);
});
