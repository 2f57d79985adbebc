import { parsePeriod, type Period } from '@bixue/domain';

/** parsePeriod, once per distinct code of a call (a file repeats a few periods many times). */
export function periodsOnce(): (code: string) => Period {
  const periods = new Map<string, Period>();
  return (code) => {
    let p = periods.get(code);
    if (!p) periods.set(code, (p = parsePeriod(code)));
    return p;
  };
}
