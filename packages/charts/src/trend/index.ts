export * from './option.ts';
export * from './rows.ts';
export * from './table.ts';
export * from './commentary.ts';
