export * from './tables.ts';
export * from './periods.ts';
export * from './tasks.ts';
export * from './drafts.ts';
export * from './reminders.ts';
export * from './drafts-overlay.ts';
