/** One format for the whole tree; `pnpm format` writes it, `pnpm lint` checks it. */
export default {
  printWidth: 120,
  singleQuote: true,
  trailingComma: 'all',
  endOfLine: 'lf',
};
