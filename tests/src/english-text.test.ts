import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..');
const HAN = /\p{Script=Han}/u;

function* sources(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== 'node_modules' && e.name !== 'dist') yield* sources(path);
    } else if (/\.(ts|vue)$/.test(e.name) && !/\.test\.ts$/.test(e.name)) yield path;
  }
}

/**
 * The English texts written in the code (`en:`, `messageEn:`, `errorEn:` followed by a string or
 * template literal), without their `${…}` parts: what an English page shows of them verbatim.
 */
function englishLiterals(text: string): { at: number; literal: string }[] {
  const found: { at: number; literal: string }[] = [];
  const start = /\b(?:en|messageEn|errorEn|detailEn)\s*:\s*(['"`])/g;
  for (let m = start.exec(text); m; m = start.exec(text)) {
    const quote = m[1]!;
    let i = start.lastIndex;
    let literal = '';
    for (let depth = 0; i < text.length; i++) {
      const c = text[i]!;
      if (c === '\\') {
        if (depth === 0) literal += text[i + 1] ?? '';
        i++;
        continue;
      }
      if (quote === '`' && depth === 0 && c === '$' && text[i + 1] === '{') {
        depth = 1;
        i++;
      } else if (depth > 0) {
        if (c === '{') depth++;
        else if (c === '}') depth--;
      } else if (c === quote) break;
      else literal += c;
    }
    found.push({ at: m.index, literal });
    start.lastIndex = i + 1;
  }
  return found;
}

it('finds the English literals of a line, without what is interpolated', () => {
  expect(
    englishLiterals("x = { zh: '单位', en: `Unit ${code} of ${names.join('、')}` }; y = { messageEn: 'It\\'s 单' }"),
  ).toEqual([
    { at: 16, literal: 'Unit  of ' },
    { at: 66, literal: "It's 单" },
  ]);
});

it('writes no Chinese into the English of any message: an English page shows them as written', () => {
  const offending: string[] = [];
  for (const top of ['packages', 'apps'])
    for (const pkg of readdirSync(join(ROOT, top))) {
      const src = join(ROOT, top, pkg, 'src');
      if (!existsSync(src)) continue;
      for (const file of sources(src)) {
        const text = readFileSync(file, 'utf8');
        for (const { at, literal } of englishLiterals(text))
          if (HAN.test(literal))
            offending.push(`${relative(ROOT, file)}:${text.slice(0, at).split('\n').length}: ${literal}`);
      }
    }
  expect(offending).toEqual([]);
});
