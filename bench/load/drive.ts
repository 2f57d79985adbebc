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
