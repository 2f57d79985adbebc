/**
 * The reporting cycle's rules (domain.md §9), without I/O: the states of a unit's task, which
 * action leads where, who may take it, and when a task is overdue.
 */
import { type Said, SaidError } from './said.ts';
import type { Level } from './units.ts';

export const TASK_STATES = ['not_started', 'draft', 'submitted', 'returned', 'approved'] as const;
export type TaskState = (typeof TASK_STATES)[number];

export const TASK_STATE_LABELS: Record<TaskState, { zh: string; en: string }> = {
  not_started: { zh: '未开始', en: 'Not started' },
  draft: { zh: '填报中', en: 'Drafting' },
  submitted: { zh: '已提交', en: 'Submitted' },
  returned: { zh: '已退回', en: 'Returned' },
  approved: { zh: '已审核', en: 'Approved' },
};

export const PERIOD_STATES = ['open', 'closed'] as const;
export type PeriodState = (typeof PERIOD_STATES)[number];

/** `edit`: any entry path writing a draft; the rest are buttons on the board. */
export type TaskAction = 'edit' | 'submit' | 'approve' | 'return';

/** Who is asking, relative to the task's unit. */
export type Actor = 'unit' | 'reviewer' | 'admin' | 'other';

export class CycleError extends SaidError {
  constructor(said: Said) {
    super(said);
    this.name = 'CycleError';
  }
}

const TRANSITIONS: Record<TaskAction, Partial<Record<TaskState, TaskState>>> = {
  // a returned task goes back to drafting on its first change
  edit: { not_started: 'draft', draft: 'draft', returned: 'draft' },
  // a returned task may be resubmitted as it is when the comment asked only for a confirmation
  submit: { draft: 'submitted', returned: 'submitted' },
  approve: { submitted: 'approved' },
  return: { submitted: 'returned' },
};

const REFUSAL: Record<TaskAction, Partial<Record<TaskState, Said>>> = {
  edit: {
    submitted: {
      zh: '已提交，等待上级审核，不能再修改；如需修改请联系上级退回',
      en: 'Submitted and awaiting review: it cannot be changed; ask the reviewing unit to return it',
    },
    approved: { zh: '已审核通过，不能再作为草稿修改', en: 'Approved: it can no longer be changed as a draft' },
  },
  submit: {
    not_started: { zh: '尚未填报任何数据，不能提交', en: 'Nothing has been entered yet: there is nothing to submit' },
    submitted: { zh: '已经提交，无需重复提交', en: 'Already submitted' },
    approved: { zh: '已审核通过，无需提交', en: 'Already approved: there is nothing to submit' },
  },
  approve: {
    not_started: { zh: '尚未提交，不能审核', en: 'Not submitted yet: it cannot be reviewed' },
    draft: { zh: '尚未提交，不能审核', en: 'Not submitted yet: it cannot be reviewed' },
    returned: { zh: '已退回，等待重新提交', en: 'Returned: waiting to be submitted again' },
    approved: { zh: '已经审核通过', en: 'Already approved' },
  },
  return: {
    not_started: { zh: '尚未提交，不能退回', en: 'Not submitted yet: it cannot be returned' },
    draft: { zh: '尚未提交，不能退回', en: 'Not submitted yet: it cannot be returned' },
    returned: { zh: '已经退回', en: 'Already returned' },
    approved: { zh: '已审核通过，不能退回', en: 'Approved: it can no longer be returned' },
  },
};

/** The state after `action`, or a CycleError saying why not. */
export function nextTaskState(state: TaskState, action: TaskAction): TaskState {
  const next = TRANSITIONS[action][state];
  if (!next)
    throw new CycleError(
      REFUSAL[action][state] ?? {
        zh: `不能从 ${TASK_STATE_LABELS[state].zh} 执行此操作`,
        en: `Not possible from "${TASK_STATE_LABELS[state].en}"`,
      },
    );
  return next;
}

/**
 * Who may take an action: the unit submits its own task, its superior reviews it, an admin does
 * anything. A superior may also fill in drafts for a unit (a county without a reporter account).
 */
const ALLOWED: Record<TaskAction, readonly Actor[]> = {
  edit: ['unit', 'reviewer', 'admin'],
  submit: ['unit', 'admin'],
  approve: ['reviewer', 'admin'],
  return: ['reviewer', 'admin'],
};

export function mayTakeAction(actor: Actor, action: TaskAction): boolean {
  return ALLOWED[action].includes(actor);
}

export interface ActorInput {
  role: 'admin' | 'leader' | 'analyst' | 'reporter';
  /** the unit the user is scoped to */
  scopeUnitCode: string;
  /** the user's province ('*' for the command line's operator) */
  provinceCode: string;
}

export interface TaskUnit {
  code: string;
  parentCode: string | null;
  provinceCode: string;
}

/**
 * How the user stands to a task's unit. The reviewer is the unit's direct superior (the city for a
 * county, the province for a city); a leader reads only, so it is never the unit nor a reviewer.
 */
export function actorFor(user: ActorInput, unit: TaskUnit): Actor {
  if (user.role === 'admin' && (user.provinceCode === '*' || user.provinceCode === unit.provinceCode)) return 'admin';
  if (user.role === 'leader') return 'other';
  if (user.scopeUnitCode === unit.code) return 'unit';
  if (user.role === 'analyst' && user.scopeUnitCode === unit.parentCode) return 'reviewer';
  return 'other';
}

/** Behind and past its due date: submitted and approved tasks are not overdue. */
export function isOverdue(state: TaskState, dueDate: string, today: Date): boolean {
  if (state === 'submitted' || state === 'approved') return false;
  return today.toISOString().slice(0, 10) > dueDate;
}

/** Behind: what 催报 is sent to. */
export function isBehind(state: TaskState): boolean {
  return state !== 'submitted' && state !== 'approved';
}

export type RequiredByLevel = Partial<Record<Level, string[]>>;

/** A reporting period is a quarter, a half or a year; a month would mean twelve reviews a year. */
export const CYCLE_GRAINS = ['quarter', 'half', 'year'] as const;

/** The 企业微信 / 钉钉 group-robot text message: both accept this exact shape. */
export function robotTextMessage(content: string): { msgtype: 'text'; text: { content: string } } {
  return { msgtype: 'text', text: { content } };
}

/** Seconds before retry `attempt` (1-based) of a failed webhook post: 30 s, 2 min, 8 min, … capped at 6 h. */
export function webhookBackoffSeconds(attempt: number): number {
  return Math.min(30 * 4 ** (attempt - 1), 6 * 3600);
}

/** After this many failed posts a webhook row is marked failed (and stays visible). */
export const WEBHOOK_MAX_ATTEMPTS = 6;
