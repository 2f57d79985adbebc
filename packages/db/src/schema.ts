import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';
import type { Formula, PhasingKind } from '@bixue/domain';
import type { CycleTables } from './cycle/tables.ts';

/** Table types mirror db/migrations; everything else derives from these (Selectable<…>, Insertable<…>). */
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type DateText = ColumnType<string, string | undefined, string>;

export interface UnitsTable {
  code: string;
  name: string;
  short_name: string;
  /** null: shown romanised (@bixue/domain/unit-names-en) */
  name_en: ColumnType<string | null, string | null | undefined, string | null>;
  short_name_en: ColumnType<string | null, string | null | undefined, string | null>;
  level: 'province' | 'city' | 'county';
  parent_code: string | null;
  province_code: string;
  path: string;
  sort_order: ColumnType<number, number | undefined, number>;
  active_from: DateText;
  active_to: string | null;
}

export interface IndicatorsTable {
  code: string;
  name_zh: string;
  name_en: string;
  category: string;
  unit: string;
  aggregation: 'sum' | 'last' | 'max';
  direction: 'higher_better' | 'lower_better';
  per_capita_allowed: boolean;
  formula: ColumnType<Formula | null, string | null, string | null>;
  plausible_max: number;
  sort_order: number;
}

export interface DocumentsTable {
  id: Generated<number>;
  unit_code: string;
  file_name: string;
  period: string | null;
  body: string;
  uploaded_by: string | null;
  uploaded_at: Timestamp;
}

export interface FactsTable {
  unit_code: string;
  indicator_code: string;
  period: string;
  grain: 'month' | 'quarter' | 'half' | 'year';
  start_month: number;
  end_month: number;
  value: number | null;
  status: 'value' | 'undisclosed';
  source: 'manual' | 'import' | 'report' | 'demo';
  document_id: number | null;
  span_start: number | null;
  span_end: number | null;
  source_text: string | null;
  batch_id: string | null;
  updated_by: string | null;
  updated_at: Timestamp;
  version: ColumnType<number, number | undefined, number>;
}

export interface FactAuditTable {
  id: Generated<number>;
  unit_code: string;
  indicator_code: string;
  period: string;
  old_value: number | null;
  old_status: string | null;
  new_value: number | null;
  new_status: string | null;
  source: string;
  batch_id: string | null;
  changed_by: string | null;
  changed_at: Timestamp;
  /** the data version the row's transaction created; null for rows written before versions existed */
  data_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** why a correction was made */
  reason: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface DataVersionsTable {
  province_code: string;
  version: number;
  updated_at: Timestamp;
}

export interface PendingUploadsTable {
  id: string;
  owner: string;
  file_name: string;
  bytes: Buffer;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
  state: ColumnType<
    'waiting' | 'running' | 'done' | 'failed',
    'waiting' | undefined,
    'waiting' | 'running' | 'done' | 'failed'
  >;
  done: ColumnType<number, number | undefined, number>;
  total: ColumnType<number, number | undefined, number>;
  /** db/migrations/0008_write_path_upload_claims.sql: when a commit claimed it */
  claimed_at: ColumnType<Date | null, undefined, Date | string | null>;
}

/** db/migrations/0005_rollups.sql; maintained by analytics/rollups.ts only */
export interface RollupsTable {
  unit_code: string;
  indicator_code: string;
  start_month: number;
  end_month: number;
  value: number | null;
  status: 'value' | 'partial' | 'undisclosed';
  months: number;
  month_mask: number;
  facts: number;
  source: FactsTable['source'];
  source_text: string | null;
  document_id: number | null;
}

/** db/migrations/0009_scale3_fact_source_counts.sql; maintained by analytics/rollups.ts only */
export interface FactSourceCountsTable {
  unit_code: string;
  start_month: number;
  end_month: number;
  source: FactsTable['source'];
  n: number;
}

/** db/migrations/0005_rollups.sql: raised by every successful mutation (answer-stamp.ts) */
export interface ConfigVersionsTable {
  province_code: string;
  version: ColumnType<number, number, number>;
  updated_at: Timestamp;
}

export interface TargetsTable {
  id: Generated<number>;
  indicator_code: string;
  province_code: string;
  level: 'province' | 'city' | 'county' | null;
  unit_code: string | null;
  year: number | null;
  value: number;
  per_capita: boolean;
  phasing: Generated<PhasingKind>;
  /** 1–12, read by `annual` phasing only */
  due_month: Generated<number>;
}

export interface PeerGroupsTable {
  id: Generated<number>;
  province_code: string;
  name: string;
  description: ColumnType<string, string | undefined, string>;
}

export interface PeerGroupMembersTable {
  group_id: number;
  unit_code: string;
}

export interface UsersTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  role: 'admin' | 'leader' | 'analyst' | 'reporter';
  scope_unit_code: string;
  disabled: ColumnType<boolean, boolean | undefined, boolean>;
  created_at: Timestamp;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Timestamp;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  username: string;
  attempted_at: Timestamp;
  /** null while the password of this attempt is being checked */
  succeeded: ColumnType<boolean | null, boolean | null, boolean | null>;
  ip: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface SettingsTable {
  province_code: string;
  key: string;
  value: ColumnType<unknown, string, string>;
}

/** 0010: a change of a province setting (old_value null: the default applied before) */
export interface SettingsAuditTable {
  id: Generated<number>;
  province_code: string;
  key: string;
  old_value: ColumnType<unknown, string | null, string | null>;
  new_value: ColumnType<unknown, string, string>;
  changed_by: string;
  changed_at: Timestamp;
  /** 0014: the data version the change created; null for changes made before versions covered settings */
  data_version: ColumnType<string | number | null, number | null | undefined, never>;
  reason: ColumnType<string | null, string | null | undefined, never>;
}

/** 0014: one target scope before and after a write; old_value null: it had none, new_value null: deleted */
export interface TargetAuditTable {
  id: Generated<number>;
  province_code: string;
  indicator_code: string;
  level: 'province' | 'city' | 'county' | null;
  unit_code: string | null;
  year: number | null;
  old_value: number | null;
  old_per_capita: boolean | null;
  old_phasing: PhasingKind | null;
  old_due_month: number | null;
  new_value: number | null;
  new_per_capita: boolean | null;
  new_phasing: PhasingKind | null;
  new_due_month: number | null;
  data_version: ColumnType<string | number, number, never>;
  changed_by: string | null;
  changed_at: Timestamp;
  reason: string | null;
}

/** 0007_briefings: one chart in a user's briefing basket */
export interface BriefItemsTable {
  id: Generated<number>;
  user_id: number;
  position: number;
  chart: string;
  unit_code: string | null;
  indicator: string | null;
  window: string;
  group_spec: string | null;
  page: number | null;
  per_member: ColumnType<boolean, boolean | undefined, boolean>;
  title: string | null;
  created_at: Timestamp;
  /** the province's data version the card showed when added; null: drawn at the current data */
  data_version: ColumnType<number | null, number | null | undefined, number | null>;
  /** 0013: the card counted drafts (the province's count_unapproved was on when it was added) */
  unapproved: ColumnType<boolean, boolean | undefined, boolean>;
}

export interface Database extends CycleTables {
  units: UnitsTable;
  indicators: IndicatorsTable;
  documents: DocumentsTable;
  facts: FactsTable;
  fact_audit: FactAuditTable;
  rollups: RollupsTable;
  fact_source_counts: FactSourceCountsTable;
  config_versions: ConfigVersionsTable;
  targets: TargetsTable;
  peer_groups: PeerGroupsTable;
  peer_group_members: PeerGroupMembersTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_attempts: LoginAttemptsTable;
  settings: SettingsTable;
  settings_audit: SettingsAuditTable;
  target_audit: TargetAuditTable;
  data_versions: DataVersionsTable;
  pending_uploads: PendingUploadsTable;
  brief_items: BriefItemsTable;
}

export type Unit = Selectable<UnitsTable>;
export type IndicatorRow = Selectable<IndicatorsTable>;
export type Fact = Selectable<FactsTable>;
export type NewFact = Insertable<FactsTable>;
export type FactAudit = Selectable<FactAuditTable>;
export type Target = Selectable<TargetsTable>;
export type User = Selectable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
