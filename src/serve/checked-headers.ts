// The one gate for header fields serve writes from a manifest (route values, Gateway
// filters, CORS, redirects, the affinity cookie, the basic-auth realm): a name that is an
// HTTP token, a value of visible ASCII (headerValueProblem). The model
// refuses such values already; this catches what bypassed it. A field that fails is left
// out and reported once per route, never handed to Node, whose writeHead / request would
// throw (outside a request's own try, that ends the process).
import type { OutgoingHttpHeaders } from 'node:http';
import type { HeaderModifier } from '../model/types.js';
import { corsHeaderPlan } from '../model/cors.js';
import { headerValues } from '../model/header-values.js';
import type { CorsPolicy, RoutePolicy } from '../model/policy.js';
import { headerValueProblem, isHttpToken } from '../model/validate-values.js';

/** Told of a field left out: its name (as written, JSON-quoted by the log) and why. */
export type Refuse = (name: string, problem: string) => void;

/**
 * An HTTP token (RFC 9110 §5.6.2) of at most 256 characters: the header names the Gateway API
 * allows its filters (src/gateway/filters.ts) and Node writes. Stricter would drop names the
 * model accepted (`x_custom`); the Ingress names serve writes are all its own.
 */

/** Why a field cannot be written as it is, or undefined. */
export function fieldProblem(name: string, value: string): string | undefined {
  if (!isHttpToken(name)) return 'the name is not an HTTP token';
  const p = headerValueProblem(value);
  return p === undefined ? undefined : `its value has ${p}`;
}

/** A flat name, value… list without the fields that cannot be written. */
export function checkedList(list: readonly string[], refuse?: Refuse): string[] {
  const out: string[] = [];
  for (let i = 0; i < list.length; i += 2) {
    const p = fieldProblem(list[i], list[i + 1]);
    if (p === undefined) out.push(list[i], list[i + 1]);
    else refuse?.(list[i], p);
  }
  return out;
}

/** A header object without the fields that cannot be written (a multi-valued field keeps its good values). */
export function checkedObject(headers: OutgoingHttpHeaders, refuse?: Refuse): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const name in headers) {
    const v = headers[name];
    if (v === undefined) continue;
    if (Array.isArray(v)) {
      const kept = v.filter((x) => {
        const p = fieldProblem(name, String(x));
        if (p !== undefined) refuse?.(name, p);
        return p === undefined;
      });
      if (kept.length) out[name] = kept;
      continue;
    }
    const p = fieldProblem(name, String(v));
    if (p === undefined) out[name] = v;
    else refuse?.(name, p);
  }
  return out;
}

/** Gateway header modifiers with only the set/add fields that can be written (remove writes nothing). */
export function checkedModifiers(mods: readonly HeaderModifier[], refuse?: Refuse): HeaderModifier[] {
  const keep = (h: { name: string; value: string }) => {
    const p = fieldProblem(h.name, h.value);
    if (p !== undefined) refuse?.(h.name, p);
    return p === undefined;
  };
  return mods.map((m) => ({ set: m.set.filter(keep), add: m.add.filter(keep), remove: m.remove }));
}

/**
 * A route policy's values that no answer or upstream request will carry, with why: those
 * src/model/header-values.ts refuses (upstream-vhost, x-forwarded-prefix, the redirect
 * URL) and the CORS texts corsHeaders leaves out. Both already keep them out; this only
 * names them for the log.
 */
export function policyRefusals(policy: RoutePolicy): readonly [string, string][] {
  const { refused } = headerValues(policy);
  const cors = policy.cors ? corsRefusals(policy.cors) : NONE;
  if (!refused.length) return cors; // (serve asks on every request: nothing built in the usual case)
  return [...refused.map((r): [string, string] => [r.annotation, r.message]), ...cors];
}

const NONE: readonly [string, string][] = [];

const corsKnown = new WeakMap<CorsPolicy, [string, string][]>();

function corsRefusals(cors: CorsPolicy): readonly [string, string][] {
  let out = corsKnown.get(cors);
  if (!out) {
    out = [];
    for (const [name, v] of corsHeaderPlan(cors)) {
      const p = 'text' in v ? fieldProblem(name, v.text) : undefined;
      if (p !== undefined) out.push([name, p]);
    }
    corsKnown.set(cors, out);
  }
  return out;
}

/** Most lines kept per configuration: a bound, whatever a manifest holds. */
const MAX_LINES = 1000;

/**
 * serve's log of refused header values: one line per route and header, for as long as the
 * configuration lasts (a new one starts a new log).
 */
export class RefusalLog {
  private readonly seen = new Set<string>();

  constructor(private readonly write?: (line: string) => void) {}

  report(route: string | undefined, name: string, problem: string): void {
    const key = `${route ?? ''}\u0000${name.toLowerCase()}`;
    if (this.seen.has(key) || this.seen.size >= MAX_LINES) return;
    this.seen.add(key);
    this.write?.(`ingressctl: ${printable(route ?? 'no route')}: header "${printable(name)}" not sent: ${problem}\n`);
  }
}

/** Manifest text in a log line: anything but visible ASCII as \u{…}, so it is one line and no terminal control. */
function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]|["\\]/gu, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
