// What serve's page shows as it happens: the last requests (with the route each took) and
// the reload history, kept in bounded lists and pushed to every open page (Server-Sent Events).
import type { Finding } from '../../findings/finding.js';

export interface RequestEntry {
  seq: number;
  time: string;
  method: string;
  scheme: 'http' | 'https';
  host: string;
  path: string;
  status: number | 'aborted';
  /** "<namespace>/<ingress> <host><path> (<kind>)", or "" when no rule answered */
  route: string;
  upstream: string;
  ms: number;
}

export interface ReloadEntry {
  seq: number;
  time: string;
  /** 'start' for the configuration serve started with */
  what: 'start' | 'reloaded' | 'refused';
  routes: number;
  findings: { severity: string; ruleId: string; message: string; where: string }[];
  error?: string;
}

export type LiveEvent = { type: 'request'; data: RequestEntry } | { type: 'reload'; data: ReloadEntry };

const KEEP_REQUESTS = 200;
const KEEP_RELOADS = 50;

export class LiveLog {
  readonly requests: RequestEntry[] = [];
  readonly reloads: ReloadEntry[] = [];
  private seq = 0;
  private readonly listeners = new Set<(e: LiveEvent) => void>();

  request(e: Omit<RequestEntry, 'seq' | 'time'>): void {
    const entry = { seq: ++this.seq, time: new Date().toISOString(), ...e };
    push(this.requests, entry, KEEP_REQUESTS);
    this.emit({ type: 'request', data: entry });
  }

  reload(what: ReloadEntry['what'], routes: number, findings: readonly Finding[], error?: string): void {
    const entry: ReloadEntry = {
      seq: ++this.seq,
      time: new Date().toISOString(),
      what,
      routes,
      findings: findings.map((f) => ({ severity: f.severity, ruleId: f.ruleId, message: f.message, where: f.file ? `${f.file}${f.line ? `:${f.line}:${f.column ?? 1}` : ''}` : '' })),
      ...(error ? { error } : {}),
    };
    push(this.reloads, entry, KEEP_RELOADS);
    this.emit({ type: 'reload', data: entry });
  }

  /** Returns the function that stops listening. */
  listen(f: (e: LiveEvent) => void): () => void {
    this.listeners.add(f);
    return () => this.listeners.delete(f);
  }

  private emit(e: LiveEvent): void {
    for (const f of this.listeners) f(e);
  }
}

function push<T>(list: T[], item: T, keep: number): void {
  list.push(item);
  if (list.length > keep) list.splice(0, list.length - keep);
}
