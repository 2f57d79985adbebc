export { writeFacts } from './write-facts.ts';
export { FactConflictError, type FactInput, type WriteContext, type WriteResult } from './fact-input.ts';
export {
  FactValidationError,
  type FactProblem,
  type FactProblemCode,
  validateInputs as validateFacts,
} from './validate-inputs.ts';
export { dataVersion, lockDataVersions, lockProvincesOf } from './data-versions.ts';
export { factHistory, factKey, readFacts, type FactKey, type StoredFact } from './read-facts.ts';
export { conflictKeys, findCoarseConflicts, findFinerUnderCoarse, type PlannedSpan } from './coarse-conflicts.ts';
