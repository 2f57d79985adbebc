import { describe, expect, it } from 'vitest';
import { clipWindow } from './as-of.ts';
import { phasedTarget, statusOf, type TargetInput } from './attainment.ts';
import { parsePeriod } from './periods.ts';
import {
  dueShare,
  dueShareOfMonths,
  firstDueMonth,
  nextDue,
  notYetDueMonth,
  type Phasing,
  PHASING_KINDS,
} from './phasing.ts';
import { DEFAULT_SETTINGS } from './settings.ts';
import { DEFAULT_TARGETS } from './targets.ts';

const AUG_2024 = 2024 * 12 + 7;
const JAN_2024 = 2024 * 12;
const phasing = (kind: Phasing['kind'], dueMonth = 12): Phasing => ({ kind, dueMonth });
const target = (annual: number, extra: Partial<TargetInput> = {}): TargetInput => ({
  annual,
  perCapita: false,
  memberCount: null,
  aggregation: 'sum',
  derived: false,
  ...extra,
});
const judged2024 = clipWindow(parsePeriod('2024'), AUG_2024)!;
const th = DEFAULT_SETTINGS.status_thresholds;

describe('phasing of targets (序时进度)', () => {
  it('pro-rates a year judged through August 2024 by each phasing', () => {
    // 党员大会 quarterly 4: quarter ends March and June fall due → 4 × 2/4 = 2
    expect(phasedTarget(target(4), phasing('quarterly'), judged2024)).toEqual({ target: 4, proratedTarget: 2 });
    // 支委会 monthly 12: 8 month ends → 12 × 8/12 = 8
    expect(phasedTarget(target(12), phasing('monthly'), judged2024)).toEqual({ target: 12, proratedTarget: 8 });
    // 组织生活会 due in December: nothing due yet
    expect(phasedTarget(target(1), phasing('annual'), judged2024)).toEqual({ target: 1, proratedTarget: 0 });
    // 学时 linear, 32 per member × 20 members: Jan–Aug 2024 are 31+29+31+30+31+30+31+31 = 244 of 366 days
    expect(
      phasedTarget(target(32, { perCapita: true, memberCount: 20 }), phasing('linear'), judged2024)!.proratedTarget,
    ).toBeCloseTo((640 * 244) / 366, 12);
    // a level (star rating) is not pro-rated
    expect(phasedTarget(target(4, { aggregation: 'last' }), phasing('monthly'), judged2024)).toEqual({
      target: 4,
      proratedTarget: 4,
    });
  });

  it('colours an annual duty not yet due green, done or not', () => {
    const t = phasedTarget(target(1), phasing('annual'), judged2024);
    // nothing due: the attainment cannot be said, and no status turns red
    expect(statusOf('value', null, t, th)).toBe('green');
    expect(statusOf('partial', null, t, th)).toBe('green');
    expect(statusOf('missing', null, t, th)).toBe('grey');
  });

  it('places an annual due month, and quarter ends, inside whole windows', () => {
    const june = phasing('annual', 6);
    expect(dueShare(june, parsePeriod('2024H1'))).toBe(1);
    expect(dueShare(june, parsePeriod('2024Q1'))).toBe(0);
    expect(dueShare(june, parsePeriod('2024H2'))).toBe(0);
    expect(dueShare(phasing('quarterly'), parsePeriod('2024-02'))).toBe(0);
    expect(dueShare(phasing('quarterly'), parsePeriod('2024-03'))).toBe(0.25);
    // H1 of a leap year, linear: 182 of 366 days
    expect(dueShare(phasing('linear'), parsePeriod('2024H1'))).toBeCloseTo(182 / 366, 12);
  });

  it('adds the months of a year up to the whole target for every phasing', () => {
    for (const kind of PHASING_KINDS)
      for (const dueMonth of [1, 6, 12]) {
        let sum = 0;
        for (let m = JAN_2024; m < JAN_2024 + 12; m++)
          sum += dueShare({ kind, dueMonth }, { startMonth: m, endMonth: m });
        expect(sum).toBeCloseTo(1, 12);
      }
  });

  it('shares a year linearly by the calendar’s days, leap years and centuries too', () => {
    // the calendar's own count: days between the first days of months, as Date knows them
    const dayOf = (absMonth: number) => Date.UTC(Math.floor(absMonth / 12), absMonth % 12, 1) / 86_400_000;
    for (const year of [1900, 2000, 2023, 2024, 2100]) {
      const first = year * 12;
      for (let start = first; start < first + 12; start++)
        for (let end = start; end < first + 12; end++)
          expect(dueShare(phasing('linear'), { startMonth: start, endMonth: end })).toBe(
            (dayOf(end + 1) - dayOf(start)) / (dayOf(first + 12) - dayOf(first)),
          );
      // February and August of the year, covered by a partial value
      expect(dueShareOfMonths(phasing('linear'), { startMonth: first, endMonth: first + 11 }, 0b10000010)).toBe(
        (dayOf(first + 2) - dayOf(first + 1) + 31) / (dayOf(first + 12) - dayOf(first)),
      );
    }
  });

  it('names the next date by which more falls due', () => {
    // after August: quarterly 4 → 3 by the end of September; monthly 12 → 9; annual → 1 in December
    expect(nextDue(phasing('quarterly'), 4, JAN_2024, AUG_2024)).toEqual({ month: AUG_2024 + 1, cumulative: 3 });
    expect(nextDue(phasing('monthly'), 12, JAN_2024, AUG_2024)).toEqual({ month: AUG_2024 + 1, cumulative: 9 });
    expect(nextDue(phasing('annual'), 1, JAN_2024, AUG_2024)).toEqual({ month: JAN_2024 + 11, cumulative: 1 });
    expect(nextDue(phasing('annual'), 1, JAN_2024, JAN_2024 + 11)).toBeNull();
  });

  it('names the month a target first falls due, and says 未到期 only while nothing is due yet', () => {
    const year = parsePeriod('2024');
    expect(firstDueMonth(phasing('annual'), year)).toBe(12);
    expect(firstDueMonth(phasing('annual', 6), year)).toBe(6);
    expect(firstDueMonth(phasing('quarterly'), year)).toBe(3);
    expect(firstDueMonth(phasing('quarterly'), parsePeriod('2024H2'))).toBe(9);
    expect(firstDueMonth(phasing('monthly'), parsePeriod('2024Q2'))).toBe(4);
    expect(firstDueMonth(phasing('linear'), year)).toBe(1);
    // an annual duty due in December falls due nowhere in the first half
    expect(firstDueMonth(phasing('annual'), parsePeriod('2024H1'))).toBeNull();
    // judged through August: 组织生活会 not due till December; 党员大会 and 支委会 already due
    expect(notYetDueMonth(phasing('annual'), judged2024)).toBe(12);
    expect(notYetDueMonth(phasing('quarterly'), judged2024)).toBeNull();
    expect(notYetDueMonth(phasing('monthly'), judged2024)).toBeNull();
    // judged through February: the first quarter's end in March is still ahead
    expect(notYetDueMonth(phasing('quarterly'), clipWindow(year, JAN_2024 + 1)!)).toBe(3);
    // a whole past year is due in full, and 2024H1 has no December in it to be due
    expect(notYetDueMonth(phasing('annual'), clipWindow(year, JAN_2024 + 11)!)).toBeNull();
    expect(notYetDueMonth(phasing('annual'), clipWindow(parsePeriod('2024H1'), JAN_2024 + 2)!)).toBeNull();
  });

  it('seeds the 三会一课 rhythms of domain.md §5', () => {
    const kindOf = (code: string) => DEFAULT_TARGETS.find((t) => t.indicator === code)!.phasing;
    expect(kindOf('members_congress')).toEqual(phasing('quarterly'));
    expect(kindOf('party_lecture')).toEqual(phasing('quarterly'));
    expect(kindOf('branch_committee')).toEqual(phasing('monthly'));
    expect(kindOf('theme_party_day')).toEqual(phasing('monthly'));
    expect(kindOf('org_life_meeting')).toEqual(phasing('annual', 12));
    expect(kindOf('democratic_review')).toEqual(phasing('annual', 12));
    expect(kindOf('training_hours')).toEqual(phasing('linear'));
  });

  it('counts only the covered months of a partial value', () => {
    const y2026 = { startMonth: 2026 * 12, endMonth: 2026 * 12 + 8 };
    // January–May and July (bits 0–4 and 6)
    const mask = 0b1011111;
    expect(dueShareOfMonths({ kind: 'monthly', dueMonth: 12 }, y2026, mask)).toBe(6 / 12);
    // quarter ends covered: March only (June and September are not)
    expect(dueShareOfMonths({ kind: 'quarterly', dueMonth: 12 }, y2026, mask)).toBe(1 / 4);
    expect(dueShareOfMonths({ kind: 'annual', dueMonth: 7 }, y2026, mask)).toBe(1);
    expect(dueShareOfMonths({ kind: 'annual', dueMonth: 6 }, y2026, mask)).toBe(0);
    // 31 + 28 + 31 + 30 + 31 + 31 days of 365
    expect(dueShareOfMonths({ kind: 'linear', dueMonth: 12 }, y2026, mask)).toBe(182 / 365);
  });
});
