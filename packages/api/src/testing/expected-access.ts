/**
 * Who may call what, written by hand from domain.md §6 — never read from the procedures' own
 * `.meta({ scope })` — so that a wrong declaration disagrees with this table and the access
 * matrix fails. Every procedure of appRouter needs a row; the matrix names any that has none.
 *
 * domain.md §6: admin (省局管理员) may do everything in its province; leader (领导) reads
 * everything in scope and changes nothing; analyst (市局) reads its subtree and enters data
 * there; reporter (县局) enters and uploads its own data and reads its own. Units, users,
 * targets, weights and settings are the admin's. §9: the province (admin) opens and closes
 * reporting periods; a unit submits its own task; its superior (the analyst's city for its
 * counties, or an admin) approves, returns and sends reminders.
 */
import type { MatrixRole } from './access-cases.ts';

/** What a call gives: its data, or the answer of a service that found nothing or a stale version. */
export type CallOutcome = 'ok' | 'NOT_FOUND' | 'CONFLICT';

export interface ExpectedAccess {
  /** the roles that may make this call on data inside their own scope */
  may: readonly MatrixRole[];
  /** the input fields naming a unit, group or user that must be checked against the caller's scope */
  scoped: readonly string[];
  /** what an allowed call with the procedure's example input gives; 'ok' when absent */
  gives?: CallOutcome | Partial<Record<MatrixRole, CallOutcome>>;
}

const READERS = ['admin', 'leader', 'analyst', 'reporter'] as const;
const ENTERERS = ['admin', 'analyst', 'reporter'] as const;
const ADMIN = ['admin'] as const;
const REVIEWERS = ['admin', 'analyst'] as const;

/** The examples name things that do not exist (id 999999, an upload id nobody made). */
const NOTHING_THERE = 'NOT_FOUND';
/** The demo opens no reporting period: the examples' 2026Q2 (and 2031Q1 before cycle.open runs) is not open. */
const NO_PERIOD = 'NOT_FOUND';

export const EXPECTED_ACCESS: Readonly<Record<string, ExpectedAccess>> = {
  'admin.createPeerGroup': { may: ADMIN, scoped: ['members'] },
  'admin.deletePeerGroup': { may: ADMIN, scoped: [], gives: NOTHING_THERE },
  'admin.deleteTarget': { may: ADMIN, scoped: [], gives: NOTHING_THERE },
  'admin.peerGroups': { may: ADMIN, scoped: [] },
  'admin.renamePeerGroup': { may: ADMIN, scoped: [], gives: NOTHING_THERE },
  'admin.saveTarget': { may: ADMIN, scoped: ['unitCode'] },
  'admin.setAnonymisePeers': { may: ADMIN, scoped: [] },
  'admin.setComposite': { may: ADMIN, scoped: [] },
  'admin.setDataAsOf': { may: ADMIN, scoped: [] },
  'admin.setPeerGroupMembers': { may: ADMIN, scoped: ['members'], gives: NOTHING_THERE },
  'admin.setPeerMinOthers': { may: ADMIN, scoped: [] },
  'admin.setPlausibleBound': { may: ADMIN, scoped: [] },
  'admin.setThresholds': { may: ADMIN, scoped: [] },
  'admin.settings': { may: ADMIN, scoped: [] },
  'admin.targets': { may: ADMIN, scoped: [] },

  'analytics.asOf': { may: READERS, scoped: ['unit'] },
  'analytics.attainment': { may: READERS, scoped: ['unit'] },
  'analytics.benchmark': { may: READERS, scoped: ['unit', 'group'] },
  'analytics.completeness': { may: READERS, scoped: ['group'] },
  'analytics.composite': { may: READERS, scoped: ['unit', 'group'] },
  'analytics.heatmap': { may: READERS, scoped: ['group'] },
  'analytics.heatmapPacked': { may: READERS, scoped: ['group'] },
  'analytics.ranking': { may: READERS, scoped: ['group'] },
  'analytics.rollup': { may: READERS, scoped: ['unit'] },
  'analytics.trend': { may: READERS, scoped: ['unit', 'group'] },
  'analytics.trends': { may: READERS, scoped: ['unit', 'group'] },

  'catalog.indicators': { may: READERS, scoped: [] },

  // every user has a basket of their own; what an item shows is scoped when it is added
  'basket.add': { may: READERS, scoped: ['unit', 'group'] },
  'basket.clear': { may: READERS, scoped: [] },
  'basket.list': { may: READERS, scoped: [] },
  'basket.remove': { may: READERS, scoped: [], gives: NOTHING_THERE },
  'basket.reorder': { may: READERS, scoped: [] },
  'basket.retitle': { may: READERS, scoped: [], gives: NOTHING_THERE },

  'cycle.approve': { may: REVIEWERS, scoped: ['unit'], gives: NO_PERIOD },
  'cycle.approveMany': { may: REVIEWERS, scoped: ['units'], gives: NO_PERIOD },
  'cycle.board': { may: READERS, scoped: ['province'], gives: NO_PERIOD },
  'cycle.close': { may: ADMIN, scoped: ['province'], gives: NO_PERIOD },
  'cycle.dismissReminders': { may: READERS, scoped: [] },
  'cycle.mine': { may: READERS, scoped: [] },
  'cycle.open': { may: ADMIN, scoped: ['province'] },
  'cycle.periods': { may: READERS, scoped: ['province'] },
  'cycle.remind': { may: REVIEWERS, scoped: ['province'], gives: NO_PERIOD },
  'cycle.return': { may: REVIEWERS, scoped: ['unit'], gives: NO_PERIOD },
  'cycle.review': { may: READERS, scoped: ['unit'], gives: NO_PERIOD },
  'cycle.setSettings': { may: ADMIN, scoped: ['province'] },
  'cycle.settings': { may: ADMIN, scoped: ['province'] },
  'cycle.submit': { may: ENTERERS, scoped: ['unit'], gives: NO_PERIOD },
  'cycle.trail': { may: READERS, scoped: ['unit'], gives: NO_PERIOD },
  'cycle.webhooks': { may: REVIEWERS, scoped: ['province'] },

  'data.entryForm': { may: READERS, scoped: ['unitCode'] },
  'data.history': { may: READERS, scoped: ['unitCode'] },
  'data.importCommit': { may: ENTERERS, scoped: [], gives: NOTHING_THERE },
  'data.importDiscard': { may: ENTERERS, scoped: [], gives: NOTHING_THERE },
  'data.importProgress': { may: ENTERERS, scoped: [], gives: NOTHING_THERE },
  // the example says the value is new (expectedVersion null): true only for the first writer
  'data.saveEntry': {
    may: ENTERERS,
    scoped: ['unitCode'],
    gives: { admin: 'ok', analyst: 'CONFLICT', reporter: 'CONFLICT' },
  },
  'data.template': { may: ENTERERS, scoped: ['unitCode'] },

  'reports.decode': { may: READERS, scoped: [] },
  'reports.document': { may: READERS, scoped: ['unitCode'], gives: NOTHING_THERE },
  'reports.facts': { may: READERS, scoped: ['unitCode'] },
  'reports.propose': { may: READERS, scoped: [] },
  'reports.save': { may: ENTERERS, scoped: ['unitCode'] },

  'session.me': { may: READERS, scoped: [] },

  'units.get': { may: READERS, scoped: ['unit'] },
  // units are the admin's (§6); the example's parent does not exist
  'units.import': { may: ADMIN, scoped: [], gives: NOTHING_THERE },
  // a preview (commit false) that answers with the row's problem, writing nothing
  'units.importCsv': { may: ADMIN, scoped: [] },
  'units.peerGroups': { may: READERS, scoped: [] },
  'units.setNameEn': { may: ADMIN, scoped: ['unit'] },
  'units.tree': { may: READERS, scoped: [] },

  'users.create': { may: ADMIN, scoped: ['scopeUnitCode'] },
  'users.list': { may: ADMIN, scoped: [] },
  'users.resetPassword': { may: ADMIN, scoped: ['username'] },
  'users.setDisabled': { may: ADMIN, scoped: ['username'] },
  'users.unlock': { may: ADMIN, scoped: ['username'] },
  'users.update': { may: ADMIN, scoped: ['username', 'scopeUnitCode'] },
  'versions.current': { may: READERS, scoped: ['unit'] },
  'versions.diff': { may: READERS, scoped: ['unit'] },
  'versions.list': { may: READERS, scoped: ['unit'] },
};

/** The row of a procedure; a procedure without one fails loudly, naming itself and this file. */
export function expectedAccess(path: string): ExpectedAccess {
  const row = EXPECTED_ACCESS[path];
  if (!row)
    throw new Error(
      `procedure ${path} has no row in packages/api/src/testing/expected-access.ts: ` +
        'add who may call it, from domain.md §6',
    );
  return row;
}

export function expectedOutcome(row: ExpectedAccess, role: MatrixRole): CallOutcome | 'FORBIDDEN' {
  if (!row.may.includes(role)) return 'FORBIDDEN';
  if (row.gives === undefined) return 'ok';
  return typeof row.gives === 'string' ? row.gives : (row.gives[role] ?? 'ok');
}
