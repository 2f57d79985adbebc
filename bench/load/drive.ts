import autocannon from 'autocannon';

export interface Call {
  name: string;
  /** distinct requests: a cold run walks them so the server's cache cannot answer */
  requests: () => { method: 'GET' | 'POST'; path: string; body?: string };
}

export interface Measured {
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  /** requests per second */
  throughput: number;
  errors: number;
}

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

/** autocannon against the server with `connections` clients, `amount` requests or `duration` seconds. */
export function drive(
  url: string,
  headers: Record<string, string>,
  next: () => { method: 'GET' | 'POST'; path: string; body?: string },
  load: { connections: number; amount?: number; duration?: number },
): Promise<Measured> {
  const times: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url,
        connections: load.connections,
        // on a busy machine a cold PNG can take longer than autocannon's 10 s: measure it, a
        // timeout is no latency at all
        timeout: 120,
        ...(load.amount ? { amount: load.amount } : { duration: load.duration ?? 5 }),
        headers,
        requests: [{ setupRequest: (req) => ({ ...req, ...next(), headers: { ...req.headers, ...headers } }) }],
      },
      (err, result) => {
        if (err) return reject(err);
        times.sort((a, b) => a - b);
        resolve({
          requests: result.requests.total,
          p50: quantile(times, 0.5),
          p95: quantile(times, 0.95),
          p99: quantile(times, 0.99),
          throughput: result.requests.total / result.duration,
          errors: result.errors + result.timeouts + result.non2xx,
        });
      },
    );
    instance.on('response', (_client, _status, _bytes, ms) => times.push(ms));
  });
}

/**
 * A room opening one screen at once: `rounds` times, `clients` requests of one question not asked
 * before, sent together (a new question each round, as after a write); latency per request.
 */
export async function room(
  url: string,
  headers: Record<string, string>,
  next: () => { method: 'GET' | 'POST'; path: string; body?: string },
  load: { clients: number; rounds: number },
): Promise<Measured> {
  const times: number[] = [];
  let errors = 0;
  const started = performance.now();
  for (let r = 0; r < load.rounds; r++) {
    const { method, path, body } = next();
    await Promise.all(
      Array.from({ length: load.clients }, async () => {
        const t0 = performance.now();
        try {
          const res = await fetch(`${url}${path}`, { method, headers, ...(body ? { body } : {}) });
          await res.arrayBuffer();
          if (!res.ok) errors++;
        } catch {
          errors++;
        }
        times.push(performance.now() - t0);
      }),
    );
  }
  const seconds = (performance.now() - started) / 1000;
  times.sort((a, b) => a - b);
  return {
    requests: times.length,
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    p99: quantile(times, 0.99),
    throughput: times.length / seconds,
    errors,
  };
}
