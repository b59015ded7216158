// `ingressctl test`: specs, engines and results.
import type { Request } from '../model/match.js';

export interface Expectation {
  backend?: { namespace: string; service: string; port?: number | string };
  status?: number;
  location?: string;
  path?: string;
  host?: string;
  headers?: Record<string, string>;
  /** share of the requests per backend ("namespace/service:port", or a status such as "500") */
  weights?: Record<string, number>;
}

export interface SpecCase {
  name: string;
  request: Request;
  expect: Expectation;
  /** where the case is written: file:line:col */
  file: string;
  line: number;
  column: number;
}

/** What an engine saw happen to a request. */
export interface Observed {
  status: number;
  backend?: { namespace: string; service: string; port: number | null };
  location?: string;
  /** path and Host header the backend received */
  path?: string;
  host?: string;
  headers?: Record<string, string>;
  /** shares of the requests per backend ("namespace/service:port" or a status) */
  weights?: Record<string, number>;
  /** how far a sampled share may be from the expected one */
  weightTolerance?: number;
}

export interface Engine {
  name: string;
  /** what this engine can check; the rest is reported as not checked */
  checks: ReadonlySet<keyof Expectation>;
  send(request: Request): Promise<Observed>;
  close(): Promise<void>;
}

export interface Mismatch {
  field: keyof Expectation;
  expected: string;
  actual: string;
}

export interface CaseResult {
  case: SpecCase;
  engine: string;
  outcome: 'pass' | 'fail' | 'skip';
  mismatches: Mismatch[];
  /** expectations this engine cannot check */
  unchecked: (keyof Expectation)[];
  /** why the engine skipped or errored */
  note?: string;
}
