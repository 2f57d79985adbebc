/**
 * A long loop over an upload's rows gives the event loop back every few milliseconds: every other
 * request (a dashboard, /healthz) waited behind the plan of a 20,000-row wide sheet, 1.7 s in one
 * stretch. In the loop: `if (turns.due()) await turns.pass();` — due() looks at the clock once
 * every 256 calls, so the loop pays next to nothing between turns.
 */
export function eventLoopTurns(sliceMs = 20): { due: () => boolean; pass: () => Promise<void> } {
  let since = performance.now();
  let calls = 0;
  return {
    due: () => (++calls & 255) === 0 && performance.now() - since >= sliceMs,
    pass: () =>
      new Promise<void>((resolve) =>
        setImmediate(() => {
          since = performance.now();
          resolve();
        }),
      ),
  };
}
