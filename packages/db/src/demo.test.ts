import { describe, expect, it } from 'vitest';
import { generateDemo } from './demo/generate.ts';

describe('demo generator', () => {
  it('builds a province with 14 cities and about 100 counties', () => {
    const { units } = generateDemo(2026 * 12 + 6);
    expect(units.filter((u) => u.level === 'province')).toHaveLength(1);
    expect(units.filter((u) => u.level === 'city')).toHaveLength(14);
    const counties = units.filter((u) => u.level === 'county').length;
    expect(counties).toBeGreaterThanOrEqual(80);
    expect(counties).toBeLessThanOrEqual(125);
  });
});
