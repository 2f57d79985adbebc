import { describe, expect, it } from 'vitest';
import { INDICATOR_CATALOG } from './catalog.ts';

describe('INDICATOR_CATALOG', () => {
  // charts, PNGs and decks set English labels in the export's Chinese face (Noto Sans SC), which
  // draws curly quotes full-width: "Party members’ congress" read "Party members’  congress"
  it('names every indicator in English without curly quotes', () => {
    const curly = INDICATOR_CATALOG.filter((i) => /[‘’“”]/.test(i.nameEn)).map((i) => i.nameEn);
    expect(curly).toEqual([]);
    expect(INDICATOR_CATALOG.find((i) => i.code === 'members_congress')?.nameEn).toBe("Party members' congress");
  });
});
