export * from './access-cases.ts';
export * from './demo-context.ts';
export * from './expected-access.ts';
