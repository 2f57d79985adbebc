export * from './periods.ts';
export * from './catalog.ts';
export * from './units.ts';
export * from './targets.ts';
export * from './roles.ts';
export * from './settings.ts';
