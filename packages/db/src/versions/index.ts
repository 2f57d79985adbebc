export { type AtVersion, factsAtVersion } from './facts-at-version.ts';
export { targetsAtVersion } from './targets-at-version.ts';
export { type ConfigAuthor, inConfigVersion } from './config-version.ts';
export { type TargetScope, type TargetValues, type TargetWrite, writeTargets } from './target-writes.ts';
export { factChanges, type FactChange, type FactChangeStep } from './fact-changes.ts';
export { recentVersions, type VersionEntry } from './recent-versions.ts';
export {
  type ConfigChanges,
  configChanges,
  type ConfigStep,
  type PeriodClosing,
  type SettingChange,
  type TargetChange,
  type TargetState,
} from './config-changes.ts';
