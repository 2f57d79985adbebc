import { describe, expect, it } from 'vitest';
import {
  actorFor,
  CycleError,
  isOverdue,
  mayTakeAction,
  nextTaskState,
  robotTextMessage,
  TASK_STATES,
  type TaskAction,
  type TaskState,
  webhookBackoffSeconds,
} from './cycle.ts';

const county = { code: '990101', parentCode: '990100', provinceCode: '990000' };
const city = { code: '990100', parentCode: '990000', provinceCode: '990000' };

describe('task state machine', () => {
  it('walks a unit through every state, with a return and a resubmission', () => {
    const steps: [TaskAction, TaskState][] = [
      ['edit', 'draft'],
      ['edit', 'draft'],
      ['submit', 'submitted'],
      ['return', 'returned'],
      ['edit', 'draft'],
      ['submit', 'submitted'],
      ['approve', 'approved'],
    ];
    let state: TaskState = 'not_started';
    const seen = new Set<TaskState>([state]);
    for (const [action, expected] of steps) {
      state = nextTaskState(state, action);
      expect(state).toBe(expected);
      seen.add(state);
    }
    expect([...seen].sort()).toEqual([...TASK_STATES].sort());
  });

  it('lets a returned task be resubmitted unchanged', () => {
    expect(nextTaskState('returned', 'submit')).toBe('submitted');
  });

  it('refuses every other transition with a Chinese reason', () => {
    const allowed = new Set([
      'edit:not_started',
      'edit:draft',
      'edit:returned',
      'submit:draft',
      'submit:returned',
      'approve:submitted',
      'return:submitted',
    ]);
    for (const action of ['edit', 'submit', 'approve', 'return'] as const)
      for (const state of TASK_STATES) {
        if (allowed.has(`${action}:${state}`)) continue;
        expect(() => nextTaskState(state, action)).toThrow(CycleError);
      }
    expect(() => nextTaskState('submitted', 'edit')).toThrow('已提交，等待上级审核');
    expect(() => nextTaskState('approved', 'approve')).toThrow('已经审核通过');
    expect(() => nextTaskState('not_started', 'submit')).toThrow('尚未填报任何数据');
  });
});

describe('who acts on a task', () => {
  it('the county edits and submits its own task, its city reviews it', () => {
    const reporter = { role: 'reporter', scopeUnitCode: '990101', provinceCode: '990000' } as const;
    const analyst = { role: 'analyst', scopeUnitCode: '990100', provinceCode: '990000' } as const;
    expect(actorFor(reporter, county)).toBe('unit');
    expect(actorFor(analyst, county)).toBe('reviewer');
    expect(actorFor(analyst, city)).toBe('unit');
    expect(mayTakeAction('unit', 'submit')).toBe(true);
    expect(mayTakeAction('unit', 'approve')).toBe(false);
    expect(mayTakeAction('reviewer', 'approve')).toBe(true);
    expect(mayTakeAction('reviewer', 'submit')).toBe(false);
    expect(mayTakeAction('reviewer', 'edit')).toBe(true);
  });

  it('another city, a leader and a county reporter of another county are no one to the task', () => {
    expect(actorFor({ role: 'analyst', scopeUnitCode: '990200', provinceCode: '990000' }, county)).toBe('other');
    expect(actorFor({ role: 'leader', scopeUnitCode: '990100', provinceCode: '990000' }, county)).toBe('other');
    expect(actorFor({ role: 'leader', scopeUnitCode: '990000', provinceCode: '990000' }, city)).toBe('other');
    expect(actorFor({ role: 'reporter', scopeUnitCode: '990102', provinceCode: '990000' }, county)).toBe('other');
    expect(mayTakeAction('other', 'edit')).toBe(false);
  });

  it('a reporter scoped to a city cannot review its counties; the province reviews its cities', () => {
    expect(actorFor({ role: 'reporter', scopeUnitCode: '990100', provinceCode: '990000' }, county)).toBe('other');
    expect(actorFor({ role: 'analyst', scopeUnitCode: '990000', provinceCode: '990000' }, city)).toBe('reviewer');
  });

  it('an admin acts for anyone of its province, the operator for every province', () => {
    expect(actorFor({ role: 'admin', scopeUnitCode: '990000', provinceCode: '990000' }, county)).toBe('admin');
    expect(actorFor({ role: 'admin', scopeUnitCode: '980000', provinceCode: '980000' }, county)).toBe('other');
    expect(actorFor({ role: 'admin', scopeUnitCode: '*', provinceCode: '*' }, county)).toBe('admin');
    for (const action of ['edit', 'submit', 'approve', 'return'] as const)
      expect(mayTakeAction('admin', action)).toBe(true);
  });
});

describe('overdue', () => {
  const after = new Date('2026-10-11T08:00:00Z');
  it('is behind after the due date', () => {
    expect(isOverdue('draft', '2026-10-10', after)).toBe(true);
    expect(isOverdue('not_started', '2026-10-10', after)).toBe(true);
    expect(isOverdue('returned', '2026-10-10', after)).toBe(true);
  });
  it('is not overdue on the due date itself, nor once submitted', () => {
    expect(isOverdue('draft', '2026-10-10', new Date('2026-10-10T23:00:00Z'))).toBe(false);
    expect(isOverdue('submitted', '2026-10-10', after)).toBe(false);
    expect(isOverdue('approved', '2026-10-10', after)).toBe(false);
  });
});

describe('reminder webhook', () => {
  it('builds the robot text message and backs off', () => {
    expect(robotTextMessage('请尽快报送')).toEqual({ msgtype: 'text', text: { content: '请尽快报送' } });
    expect([1, 2, 3, 4, 10].map(webhookBackoffSeconds)).toEqual([30, 120, 480, 1920, 21600]);
  });
});
