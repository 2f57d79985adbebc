import type { ColumnType, Generated } from 'kysely';
import type { PeriodState, RequiredByLevel, TaskState } from '@bixue/domain';
import type { FactsTable } from '../schema.ts';

/** Table types of db/migrations/0006_reporting_cycle.sql. */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ReportingPeriodsTable {
  province_code: string;
  period: string;
  start_month: number;
  end_month: number;
  /** 'YYYY-MM-DD' (the pg driver's date parser is turned off in create-db) */
  due_date: ColumnType<string, string, string>;
  required: ColumnType<RequiredByLevel, string | undefined, string>;
  state: ColumnType<PeriodState, PeriodState | undefined, PeriodState>;
  opened_by: string | null;
  opened_at: Timestamp;
  closed_by: ColumnType<string | null, string | null | undefined, string | null>;
  closed_at: NullableTimestamp;
  /** 0014: the data version closing it created; null: closed before closings were versioned */
  closed_version: ColumnType<string | number | null, number | null | undefined, number | null>;
}

export interface UnitTasksTable {
  unit_code: string;
  period: string;
  province_code: string;
  state: ColumnType<TaskState, TaskState | undefined, TaskState>;
  comment: ColumnType<string | null, string | null | undefined, string | null>;
  updated_by: ColumnType<string | null, string | null | undefined, string | null>;
  updated_at: Timestamp;
  submitted_at: NullableTimestamp;
}

export interface TaskTransitionsTable {
  id: Generated<number>;
  unit_code: string;
  period: string;
  from_state: TaskState;
  to_state: TaskState;
  actor: string;
  at: Timestamp;
  comment: string | null;
}

/** A draft with status 'missing' is a pending removal: approval deletes the approved fact of its key. */
export type FactDraftsTable = Omit<FactsTable, 'status'> & { status: 'value' | 'undisclosed' | 'missing' };

export interface RemindersTable {
  id: Generated<number>;
  unit_code: string;
  period: string;
  message: string;
  /** the server's own text in English; null when the sender wrote the message */
  message_en: string | null;
  sent_by: string;
  sent_at: Timestamp;
  read_at: NullableTimestamp;
}

export interface WebhookOutboxTable {
  id: Generated<number>;
  province_code: string;
  url: string;
  body: ColumnType<unknown, string, string>;
  state: ColumnType<'pending' | 'delivered' | 'failed', 'pending' | undefined, 'pending' | 'delivered' | 'failed'>;
  attempts: ColumnType<number, number | undefined, number>;
  next_attempt_at: Timestamp;
  last_error: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: Timestamp;
  delivered_at: NullableTimestamp;
}

export interface CycleTables {
  reporting_periods: ReportingPeriodsTable;
  unit_tasks: UnitTasksTable;
  task_transitions: TaskTransitionsTable;
  fact_drafts: FactDraftsTable;
  reminders: RemindersTable;
  webhook_outbox: WebhookOutboxTable;
}
