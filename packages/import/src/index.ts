export * from './problems.ts';
export * from './limits.ts';
export * from './table.ts';
export * from './read-table.ts';
export * from './values.ts';
export * from './plan.ts';
export * from './run-import.ts';
export * from './template.ts';
