export { extractReport } from './extract-report.ts';
export { decodeReport, ReportFileError } from './read-document.ts';
export { formatScore, scoreReports } from './score.ts';
export type { Counts, FileResult, FileScore, LabelSet, ReportLabel, ScoreReport } from './score.ts';
export type { ExtractedFact, ExtractResult, FactStatus } from './types.ts';
export type { UnitLevel } from './unit.ts';
