export * from './commentary.ts';
export * from './option.ts';
export * from './rows.ts';
export * from './table.ts';
