// limit-rps and limit-connections, counted as nginx counts them: per zone (an Ingress) and
// client address. Requests per second are a leaky bucket with a burst and no delay
// (limit_req … burst=N nodelay): up to burst+1 requests at once, then one per 1/rate s.
import type { RateLimit } from '../model/policy.js';

interface Bucket {
  /** requests in the bucket, in thousandths (nginx's own unit) */
  excess: number;
  /** ms of the last accepted request */
  last: number;
}

/** Buckets idle this long are forgotten (a bucket empties within burst/rate seconds anyway). */
const IDLE_MS = 60_000;

export class RateLimits {
  private readonly buckets = new Map<string, Bucket>();
  private readonly open = new Map<string, number>();
  private swept = 0;

  /** Whether one more request is accepted now (and counts it). */
  takeRequest(limit: RateLimit, ip: string, now = Date.now()): boolean {
    if (!limit.rps) return true;
    this.sweep(now);
    const key = `${limit.zone}\u0000${ip}`;
    const b = this.buckets.get(key);
    if (!b) {
      this.buckets.set(key, { excess: 0, last: now });
      return true;
    }
    const excess = Math.max(0, b.excess - (limit.rps * 1000 * (now - b.last)) / 1000 + 1000);
    if (excess > (limit.burst ?? 0) * 1000) return false;
    b.excess = excess;
    b.last = now;
    return true;
  }

  /** Opens one request for the address; undefined when it already has `connections` open. Call the result when it ends. */
  openRequest(limit: RateLimit, ip: string): (() => void) | undefined {
    if (!limit.connections) return () => {};
    const key = `${limit.zone}\u0000${ip}`;
    const n = this.open.get(key) ?? 0;
    if (n >= limit.connections) return undefined;
    this.open.set(key, n + 1);
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const left = (this.open.get(key) ?? 1) - 1;
      if (left > 0) this.open.set(key, left);
      else this.open.delete(key);
    };
  }

  private sweep(now: number): void {
    if (now - this.swept < IDLE_MS) return;
    this.swept = now;
    for (const [k, b] of this.buckets) if (now - b.last > IDLE_MS) this.buckets.delete(k);
  }
}
