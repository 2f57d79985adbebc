import { BASE_INDICATOR_CODES, type Grain, type Level, makePeriod, periodOfMonth } from '@bixue/domain';
import type { FactsTable } from '../schema.ts';
import type { UnitInput } from '../units.ts';
import { countyName, DEMO_CITIES, DEMO_PROVINCE } from './names.ts';
import { createRandom, hashSeed, type Random } from './random.ts';

export const DEMO_FIRST_YEAR = 2019;
const SEED = 20190101;

interface Profile {
  code: string;
  level: Level;
  members: number;
  diligence: number;
  trend: number;
  grain: Grain;
  alsoAnnual: boolean;
  firstYear: number;
  missRate: number;
  maskRate: number;
  silentFromYear: number | null;
}

/** Annual means for a county bureau; cities and the province scale some of them. */
const ANNUAL_MEAN: Record<string, (p: Profile) => number> = {
  members_congress: () => 4.4,
  branch_committee: () => 13,
  party_group_meeting: () => 13,
  party_lecture: () => 4.5,
  theme_party_day: () => 12.5,
  org_life_meeting: () => 1.15,
  democratic_review: () => 1.05,
  collective_study: () => 16,
  center_group_study: (p) => (p.level === 'county' ? 6 : 13.5),
  seminar: (p) => (p.level === 'county' ? 4 : 8),
  warning_education: () => 3,
  training_classes: (p) => ({ county: 2, city: 5, province: 10 })[p.level],
  training_person_times: (p) => p.members * 5.5,
  training_hours: (p) => p.members * 36,
  issues_found: (p) => ({ county: 8, city: 14, province: 20 })[p.level],
  awards_national: (p) => (p.level === 'county' ? 0.02 : 0.1),
  awards_provincial: (p) => (p.level === 'county' ? 0.15 : 0.6),
  awards_city: (p) => (p.level === 'province' ? 0 : 0.6),
  awards_county: (p) => (p.level === 'county' ? 1.2 : 0),
  new_members: (p) => ({ county: 0.8, city: 2, province: 4 })[p.level],
  media_articles: (p) => ({ county: 15, city: 45, province: 120 })[p.level],
  research_reports: (p) => ({ county: 2, city: 4, province: 8 })[p.level],
  new_rules: () => 2,
  volunteer_person_times: (p) => p.members * 4,
};

/** Indicators a bureau states only for a whole year. */
const YEARLY_ONLY = new Set(['star_rating', 'party_brands']);

export interface DemoFact {
  unit_code: string;
  indicator_code: string;
  period: string;
  grain: Grain;
  start_month: number;
  end_month: number;
  value: number | null;
  status: FactsTable['status'];
}

export interface Demo {
  units: UnitInput[];
  facts: DemoFact[];
}

function yearlyValue(p: Profile, code: string, year: number): number {
  const r = createRandom(hashSeed(SEED, code, p.code, year));
  if (code === 'star_rating') return Math.max(1, Math.min(5, Math.round(2.2 + 2.2 * p.diligence + (r.next() - 0.5))));
  return Math.max(0, Math.round(p.diligence * 2 + r.between(-1, 1)) + (p.level === 'county' ? 0 : 3));
}

function profileFor(code: string, level: Level, r: Random): Profile {
  const laggard = level !== 'province' && r.chance(level === 'county' ? 0.09 : 0.08);
  const grainRoll = r.next();
  const grain: Grain =
    level === 'province'
      ? 'half'
      : level === 'city'
        ? grainRoll < 0.5
          ? 'quarter'
          : 'half'
        : grainRoll < 0.3
          ? 'month'
          : grainRoll < 0.6
            ? 'quarter'
            : grainRoll < 0.85
              ? 'half'
              : 'year';
  return {
    code,
    level,
    members: { county: r.int(8, 35), city: r.int(30, 110), province: r.int(150, 260) }[level],
    diligence: laggard ? r.between(0.45, 0.7) : r.between(0.8, 1.25),
    trend: r.between(-0.03, 0.07),
    grain,
    alsoAnnual: grain !== 'year' && r.chance(0.5),
    firstYear: level === 'county' && r.chance(0.05) ? 2021 : DEMO_FIRST_YEAR,
    missRate: laggard ? 0.12 : 0.025,
    maskRate: r.chance(0.05) ? 0.15 : 0.008,
    silentFromYear: level === 'county' && r.chance(0.04) ? 2026 : null,
  };
}

function demoUnits(r: Random): UnitInput[] {
  const units: UnitInput[] = [
    {
      code: DEMO_PROVINCE.code,
      name: DEMO_PROVINCE.name,
      shortName: DEMO_PROVINCE.shortName,
      level: 'province',
      parent_code: null,
    },
  ];
  let county = 0;
  DEMO_CITIES.forEach((stem, i) => {
    const cityCode = String(990000 + (i + 1) * 100);
    units.push({
      code: cityCode,
      name: `${stem}市气象局`,
      shortName: `${stem}市`,
      level: 'city',
      parent_code: DEMO_PROVINCE.code,
    });
    const counties = r.int(5, 9);
    for (let c = 1; c <= counties; c++) {
      const n = countyName(county++);
      units.push({
        code: String(Number(cityCode) + c),
        name: n.name,
        shortName: n.shortName,
        level: 'county',
        parent_code: cityCode,
      });
    }
  });
  return units;
}

/** Monthly truth for one unit and indicator; facts at any grain are aggregates of it, so they agree. */
function monthlySeries(p: Profile, indicator: string, fromMonth: number, toMonth: number): number[] {
  const r = createRandom(hashSeed(SEED, p.code, indicator));
  const out: number[] = [];
  for (let m = fromMonth; m <= toMonth; m++) {
    const yearsIn = Math.floor(m / 12) - DEMO_FIRST_YEAR;
    const factor = p.diligence * (1 + p.trend * yearsIn);
    const mean = ANNUAL_MEAN[indicator]?.(p) ?? 0;
    out.push(r.poisson((mean * factor) / 12));
  }
  return out;
}

export function generateDemo(asOfMonth: number): Demo {
  const r = createRandom(SEED);
  const units = demoUnits(r);
  const facts: DemoFact[] = [];
  const lastMonth = asOfMonth - 1; // the current month is still running

  for (const u of units) {
    const p = profileFor(u.code, u.level, createRandom(hashSeed(SEED, 'profile', u.code)));
    const from = p.firstYear * 12;
    const series = new Map<string, number[]>();
    for (const code of Object.keys(ANNUAL_MEAN)) series.set(code, monthlySeries(p, code, from, lastMonth));
    // closed issues follow found ones with a per-unit closing rate, never more than found
    const closeRate = Math.min(1, 0.72 + 0.25 * p.diligence);
    series.set(
      'issues_closed',
      series.get('issues_found')!.map((v, i) => Math.min(v, Math.round(v * closeRate + (i % 3 === 0 ? 0.4 : 0)))),
    );
    const rr = createRandom(hashSeed(SEED, 'reports', u.code));

    /** `codes` narrows a report to some indicators (a year's rating without an annual summary). */
    const emit = (grain: Grain, start: number, end: number, codes: readonly string[] = BASE_INDICATOR_CODES) => {
      const period = periodOfMonth(start, grain);
      const year = Math.floor(start / 12);
      if (p.silentFromYear !== null && year >= p.silentFromYear) return;
      if (rr.chance(p.missRate)) return;
      for (const code of codes) {
        let value: number;
        if (code === 'member_count') value = p.members + Math.floor((end / 12 - DEMO_FIRST_YEAR) * (p.trend * 10));
        else if (YEARLY_ONLY.has(code)) {
          if (grain !== 'year') continue;
          value = yearlyValue(p, code, year);
        } else {
          const s = series.get(code)!;
          value = s.slice(start - from, end - from + 1).reduce((a, b) => a + b, 0);
        }
        const masked = rr.chance(p.maskRate);
        facts.push({
          unit_code: u.code,
          indicator_code: code,
          period: period.code,
          grain,
          start_month: start,
          end_month: end,
          value: masked ? null : value,
          status: masked ? 'undisclosed' : 'value',
        });
      }
    };

    const size = { month: 1, quarter: 3, half: 6, year: 12 }[p.grain];
    for (let year = p.firstYear; year * 12 <= lastMonth; year++) {
      for (let start = year * 12; start + size - 1 <= lastMonth && start < (year + 1) * 12; start += size) {
        emit(p.grain, start, start + size - 1);
      }
      const y = makePeriod('year', year);
      if (y.endMonth <= lastMonth && p.grain !== 'year') {
        emit('year', y.startMonth, y.endMonth, p.alsoAnnual ? BASE_INDICATOR_CODES : [...YEARLY_ONLY]);
      }
    }
  }
  return { units, facts };
}
