import { describeEachDb } from '@bixue/db/testing';
import { expect, it } from 'vitest';
import { type ApiContext, OPERATOR } from '../../context.ts';
import { createCaller } from '../../root.ts';
import { unpackHeatmap } from './heatmap-packed.ts';

describeEachDb('the heatmap as columns', 'demo', ({ db, kind }) => {
  const op = () => createCaller({ db: db(), dbKind: kind, principal: OPERATOR } satisfies ApiContext);
  const input = { window: '2026H1', group: 'level:county@990000', today: '2026-07-15' };

  it('unpacks to the very answer analytics.heatmap gives, cell for cell', async () => {
    const [objects, packed] = await Promise.all([op().analytics.heatmap(input), op().analytics.heatmapPacked(input)]);
    // the demo's counties have every kind of cell the columns must carry back
    expect(new Set(objects.cells.map((c) => c.colour))).toEqual(new Set(['green', 'yellow', 'red', 'grey']));
    expect(objects.cells.some((c) => c.value === null)).toBe(true);
    expect(objects.cells.some((c) => c.coverage.months < c.coverage.of)).toBe(true);
    expect(unpackHeatmap(packed)).toEqual(objects);
    // a JSON round trip, as the browser gets it: no undefined, no key order left to chance
    expect(unpackHeatmap(JSON.parse(JSON.stringify(packed)) as typeof packed)).toEqual(objects);
  });

  it('is under a third of the objects’ JSON', async () => {
    const objects = JSON.stringify(await op().analytics.heatmap(input)).length;
    const packed = JSON.stringify(await op().analytics.heatmapPacked(input)).length;
    expect(packed / objects).toBeLessThan(1 / 3);
  });
});
