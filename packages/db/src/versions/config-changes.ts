import type { PhasingKind } from '@bixue/domain';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, TargetAuditTable } from '../schema.ts';

/** Who made a change of targets, settings or periods, when, under which version, and why. */
export interface ConfigStep {
  version: number;
  by: string | null;
  at: string;
  /** the reason given; null when none was */
  reason: string | null;
}

export interface TargetState {
  value: number;
  perCapita: boolean;
  phasing: PhasingKind;
  dueMonth: number;
}

/** One audited change of a target scope; before/after null: the scope had no target. */
export interface TargetChange extends ConfigStep {
  indicator: string;
  level: 'province' | 'city' | 'county' | null;
  unit: string | null;
  year: number | null;
  before: TargetState | null;
  after: TargetState | null;
}

/**
 * Settings whose values the diff never shows, only that they changed: the robot's webhook URL
 * carries its key, and the diff is open to every user of the subtree.
 */
const SECRET_SETTINGS = new Set(['reminder_webhook_url']);
const HIDDEN = '***';

/** One audited change of a province setting; before null: the default applied; a secret one reads '***'. */
export interface SettingChange extends ConfigStep {
  key: string;
  before: unknown;
  after: unknown;
}

/** A reporting period closed by a version: the as-of month moved to its end. */
export interface PeriodClosing extends ConfigStep {
  period: string;
}

export interface ConfigChanges {
  targets: TargetChange[];
  settings: SettingChange[];
  closedPeriods: PeriodClosing[];
}

/** `select a.*` of target_audit: the table's own row type */
type TargetAuditRow = Selectable<TargetAuditTable>;

const step = (r: {
  data_version: number | string;
  changed_by: string | null;
  changed_at: Date | string;
  reason: string | null;
}): ConfigStep => ({
  version: Number(r.data_version),
  by: r.changed_by,
  at: new Date(r.changed_at).toISOString(),
  reason: r.reason,
});

const state = (
  value: number | null,
  perCapita: boolean | null,
  phasing: PhasingKind | null,
  dueMonth: number | null,
) => (value === null ? null : { value, perCapita: perCapita!, phasing: phasing!, dueMonth: dueMonth! });

/**
 * The changes of a province's targets, settings and periods made by its versions in (from, to],
 * each audited step in version order (a diff of facts nets them; these are few and each is a
 * decision someone made, so each is listed). For a subtree, a unit's own target counts only
 * inside it; level targets, settings and periods concern every unit and are always listed.
 */
export async function configChanges(
  db: Kysely<Database>,
  under: { province_code: string; path: string },
  from: number,
  to: number,
): Promise<ConfigChanges> {
  const province = under.province_code;
  const [targets, settings, closed] = await Promise.all([
    sql<TargetAuditRow>`
      select a.* from target_audit a
      where a.province_code = ${province} and a.data_version > ${from} and a.data_version <= ${to}
        and (a.unit_code is null or a.unit_code in
          (select code from units where province_code = ${province} and path like ${`${under.path}%`}))
      order by a.data_version, a.id`.execute(db),
    db
      .selectFrom('settings_audit')
      .select(['key', 'old_value', 'new_value', 'data_version', 'changed_by', 'changed_at', 'reason'])
      .where('province_code', '=', province)
      .where('data_version', '>', from)
      .where('data_version', '<=', to)
      .orderBy('data_version')
      .orderBy('id')
      .execute(),
    db
      .selectFrom('reporting_periods')
      .select(['period', 'closed_version', 'closed_by', 'closed_at'])
      .where('province_code', '=', province)
      .where('closed_version', '>', from)
      .where('closed_version', '<=', to)
      .orderBy('closed_version')
      .execute(),
  ]);
  return {
    targets: targets.rows.map((r) => ({
      indicator: r.indicator_code,
      level: r.level,
      unit: r.unit_code,
      year: r.year,
      before: state(r.old_value, r.old_per_capita, r.old_phasing, r.old_due_month),
      after: state(r.new_value, r.new_per_capita, r.new_phasing, r.new_due_month),
      ...step(r),
    })),
    settings: settings.map((r) => ({
      key: r.key,
      before: SECRET_SETTINGS.has(r.key) ? HIDDEN : (r.old_value ?? null),
      after: SECRET_SETTINGS.has(r.key) ? HIDDEN : r.new_value,
      ...step({ ...r, data_version: r.data_version! }),
    })),
    closedPeriods: closed.map((r) => ({
      period: r.period,
      ...step({ data_version: r.closed_version!, changed_by: r.closed_by, changed_at: r.closed_at!, reason: null }),
    })),
  };
}
