import { periodCodeLabel, SaidError } from '@bixue/domain';
import type { FactsTable } from '../schema.ts';
import type { StoredFact } from './read-facts.ts';

export interface FactInput {
  unitCode: string;
  indicatorCode: string;
  period: string;
  /** null together with status 'undisclosed' or 'missing' */
  value: number | null;
  /** 'missing' removes the stored fact (nothing reported is missing, never zero) */
  status: 'value' | 'undisclosed' | 'missing';
  documentId?: number | null;
  spanStart?: number | null;
  spanEnd?: number | null;
  sourceText?: string | null;
  /** the version the writer last saw (null: nothing stored); a different stored version is a conflict */
  expectedVersion?: number | null;
  /**
   * The stored fact as the caller read it in this transaction after locking the provinces' data
   * versions (null: nothing stored), so the write path need not read it again; unset, it reads.
   */
  stored?: Pick<StoredFact, 'value' | 'status' | 'version'> | null;
  /**
   * The least version the written fact gets (an approved draft's): several edits of a draft end
   * in one write, and a form that showed an earlier edit must not match the approved fact.
   */
  atLeastVersion?: number;
}

export interface WriteContext {
  source: FactsTable['source'];
  user: string | null;
  batchId?: string | null;
  /** why (corrections); kept in every audit row of the write */
  reason?: string;
  /** the person confirmed values beyond the plausible bound */
  acceptWarnings?: boolean;
  /** called after each chunk with the number of inputs handled so far */
  onProgress?: (done: number, total: number) => void;
}

export interface WriteResult {
  inserted: number;
  updated: number;
  deleted: number;
  unchanged: number;
  /** each touched province's data version after the write (raised by one where something changed) */
  versions: Record<string, number>;
}

export class FactConflictError extends SaidError {
  constructor(
    readonly unitCode: string,
    readonly indicatorCode: string,
    readonly period: string,
    readonly expectedVersion: number | null,
    readonly actualVersion: number | null,
  ) {
    super({
      zh: `数据已被他人修改：${unitCode} ${indicatorCode} ${period}（您看到的版本 ${expectedVersion ?? '无'}，当前版本 ${actualVersion ?? '无'}），请刷新后重试`,
      en: `Someone else changed ${unitCode} ${indicatorCode} ${periodCodeLabel(period, 'en')} (you saw version ${expectedVersion ?? 'none'}, it is now ${actualVersion ?? 'none'}); reload and try again`,
    });
    this.name = 'FactConflictError';
  }
}
