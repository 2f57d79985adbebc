/**
 * Text that a spreadsheet could take for a formula: it starts with = + - or @ (or a tab or
 * carriage return before one). A unit named "=HYPERLINK(…)" must reach a CSV or XLSX file as
 * text, so every text cell of a file we write passes here (OWASP's CSV injection rule: prefix a
 * single quote, which Excel and WPS show as the text itself).
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function spreadsheetText(s: string): string {
  return FORMULA_START.test(s) ? `'${s}` : s;
}
