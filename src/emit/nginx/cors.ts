// CORS in nginx.conf, for Ingress locations and Gateway routes alike: http-level maps made
// from the model's header plan and origin pattern (src/model/cors.ts). For origins "*" the
// headers are literals; otherwise a map yields the Origin when it is allowed ("" when not),
// and each header's value is a map on it, so nginx sends nothing (add_header leaves empty
// values out) for other origins. An echoed request header is its $http_ variable.
import { corsHeaderPlan, corsOriginPattern } from '../../model/cors.js';
import type { CorsPolicy } from '../../model/policy.js';
import { block, entry, type Directive } from './config.js';
import { text, unquotable, word } from './quote.js';

/** The variables a route's CORS headers come from (a literal for origins "*"). */
export interface CorsVars {
  /** Access-Control-Allow-Origin and the other headers: a variable, empty when the origin is not allowed, or a literal */
  headers: [string, string | { literal: string }][];
  /** 1 for a preflight to answer: a variable, or the method test for origins "*" */
  preflight: string | 'any-options';
}

/** "access-control-allow-origin" → "Access-Control-Allow-Origin" */
const canonical = (name: string) => name.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
const echoVar = (header: string) => `$http_${header.replace(/-/g, '_')}`;

/** Why a text of the policy cannot be written to nginx.conf, or undefined. */
export function corsProblem(cors: CorsPolicy): string | undefined {
  for (const [name, v] of corsHeaderPlan(cors)) {
    if (!('text' in v)) continue;
    const problem = unquotable(v.text);
    if (problem) return `the value of ${name} ${JSON.stringify(v.text)}: ${problem}`;
  }
  return undefined;
}

/** The maps of one policy, pushed to `blocks`; `name(kind)` makes a fresh variable name. */
export function corsVars(cors: CorsPolicy, name: (kind: string) => string, blocks: Directive[]): CorsVars {
  const plan = corsHeaderPlan(cors);
  const pattern = corsOriginPattern(cors);
  if (pattern === '*') {
    return { headers: plan.map(([h, v]): CorsVars['headers'][number] => [canonical(h), 'text' in v ? { literal: v.text } : echoVar(v.echo)]), preflight: 'any-options' };
  }
  const origin = name('cors_origin');
  // origins compared whole and case-insensitively, with the model's own pattern
  const entries = [entry(word('default'), text('')), ...(pattern !== undefined ? [entry(text(`~*^${pattern}\\z`), word('$http_origin'))] : [])];
  blocks.push(block('map', ['$http_origin', origin], entries, 'CORS: the Origin when it is allowed'));
  const headers: CorsVars['headers'] = [];
  for (const [h, v] of plan) {
    if ('echo' in v && v.echo === 'origin') {
      headers.push([canonical(h), origin]);
      continue;
    }
    const value = name('cors_value');
    blocks.push(block('map', [origin, value], [entry(text(''), text('')), entry(word('default'), 'text' in v ? text(v.text) : word(echoVar(v.echo)))]));
    headers.push([canonical(h), value]);
  }
  const preflight = name('cors_preflight');
  blocks.push(block('map', [`$request_method:${origin}`, preflight], [entry(word('default'), 0), entry(text('~^OPTIONS:.'), 1)], 'a preflight from an allowed origin is answered here'));
  return { headers, preflight };
}
