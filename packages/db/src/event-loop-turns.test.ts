import { describe, expect, it } from 'vitest';
import { eventLoopTurns } from './event-loop-turns.ts';

describe('event loop turns', () => {
  it('let a callback that waits for the event loop run in the middle of a long loop, not after it', async () => {
    const turns = eventLoopTurns(5);
    let i = 0;
    let ranAt = -1;
    setImmediate(() => {
      ranAt = i;
    });
    // bounded by turns, not by the clock: a loaded machine once took a 60 ms loop off its core for
    // longer than the loop, which then ended before its first turn
    for (let taken = 0; taken < 3; i++)
      if (turns.due()) {
        await turns.pass();
        taken++;
      }
    expect(ranAt).toBeGreaterThan(0);
    expect(ranAt).toBeLessThan(i);
  });

  it('without a turn the same loop holds the callback until it ends', async () => {
    let i = 0;
    let ranAt = -1;
    setImmediate(() => {
      ranAt = i;
    });
    const end = performance.now() + 30;
    for (; performance.now() < end; i++);
    await new Promise((r) => setImmediate(r));
    expect(ranAt).toBe(i);
  });
});
