export { type AtVersion, factsAtVersion } from './facts-at-version.ts';
export { factChanges, type FactChange, type FactChangeStep } from './fact-changes.ts';
export { recentVersions, type VersionEntry } from './recent-versions.ts';
