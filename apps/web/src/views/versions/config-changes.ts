import type { VersionsDiff } from '@bixue/api';
import { type Indicator, LEVEL_LABELS, parsePeriod, periodLabel, PHASING_LABELS } from '@bixue/domain';

type TargetState = NonNullable<VersionsDiff['targets'][number]['before']>;

/** One change of targets, settings or periods as the diff page lists it: what, old → new, who, when, why. */
export interface ConfigRow {
  key: string;
  what: string;
  before: string;
  after: string;
  who: string;
  when: string;
  why: string;
}

export interface ConfigWords {
  absent: string;
  system: string;
  everyYear: string;
  target: (indicator: string, scope: string, year: string) => string;
  dueBy: (month: number) => string;
  perMember: string;
  setting: (key: string) => string;
  closing: (period: string) => string;
  open: string;
  closed: string;
  time: (iso: string) => string;
}

/**
 * The diff's changes of targets, settings and reporting periods (issue 18: they change what a view
 * shows as much as facts do), in version order: a target by its indicator, level or unit and year,
 * its value with its phasing; a setting by its name, its values as stored; a closing by its period.
 */
/** The diff as the client receives it: a setting's values are any JSON (optional once serialised). */
interface ConfigDiff {
  targets: VersionsDiff['targets'];
  settings: (Omit<VersionsDiff['settings'][number], 'before' | 'after'> & { before?: unknown; after?: unknown })[];
  closedPeriods: VersionsDiff['closedPeriods'];
}

export function configRows(
  diff: ConfigDiff,
  unitName: (code: string) => string | undefined,
  catalog: ReadonlyMap<string, Indicator>,
  locale: 'zh-CN' | 'en',
  words: ConfigWords,
): ConfigRow[] {
  const en = locale === 'en';
  const target = (s: TargetState | null) => {
    if (!s) return words.absent;
    const phasing = PHASING_LABELS[s.phasing][en ? 'en' : 'zh'];
    const due = s.phasing === 'annual' ? ` ${words.dueBy(s.dueMonth)}` : '';
    return `${s.value}${s.perCapita ? words.perMember : ''} · ${phasing}${due}`;
  };
  const value = (v: unknown) => (v === null || v === undefined ? words.absent : JSON.stringify(v));
  const rows: (ConfigRow & { version: number })[] = [
    ...diff.targets.map((c, i) => {
      const ind = catalog.get(c.indicator);
      const scope = c.unit ? (unitName(c.unit) ?? c.unit) : c.level ? LEVEL_LABELS[c.level][en ? 'en' : 'zh'] : '';
      return {
        key: `t${i}`,
        version: c.version,
        what: words.target(
          ind ? (en ? ind.nameEn : ind.nameZh) : c.indicator,
          scope,
          c.year === null ? words.everyYear : String(c.year),
        ),
        before: target(c.before),
        after: target(c.after),
        who: c.by ?? words.system,
        when: words.time(c.at),
        why: c.reason ?? '',
      };
    }),
    ...diff.settings.map((c, i) => ({
      key: `s${i}`,
      version: c.version,
      what: words.setting(c.key),
      before: value(c.before),
      after: value(c.after),
      who: c.by ?? words.system,
      when: words.time(c.at),
      why: c.reason ?? '',
    })),
    ...diff.closedPeriods.map((c, i) => ({
      key: `p${i}`,
      version: c.version,
      what: words.closing(periodLabel(parsePeriod(c.period), locale)),
      before: words.open,
      after: words.closed,
      who: c.by ?? words.system,
      when: words.time(c.at),
      why: '',
    })),
  ];
  return rows.sort((a, b) => a.version - b.version).map(({ version: _v, ...row }) => row);
}
