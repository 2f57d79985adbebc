export * from './context.ts';
export * from './errors.ts';
export * from './scope.ts';
export * from './root.ts';
export * from './services/auth.ts';
export * from './services/catalog.ts';
export * from './services/units.ts';
export * from './services/reports.ts';
