import { expect, it } from 'vitest';
import { spreadsheetText } from './spreadsheet-text.ts';

it('quotes text a spreadsheet would read as a formula, and leaves other text alone', () => {
  expect(
    ['=HYPERLINK("http://x","点我")', '+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1', '安平县气象局', '—', '1+1', ''].map(
      spreadsheetText,
    ),
  ).toEqual([
    '\'=HYPERLINK("http://x","点我")',
    "'+1",
    "'-2+3",
    "'@SUM(A1)",
    "'\t=1",
    "'\r=1",
    '安平县气象局',
    '—',
    '1+1',
    '',
  ]);
});
