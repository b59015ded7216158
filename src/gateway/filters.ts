// A rule's (or backendRef's) filters → the model's RouteFilters, each value checked once;
// filters the model does not implement are reported at their file:line, never ignored.
import type { Document } from '../load/document.js';
import { findingAt, type Finding } from '../findings/finding.js';
import { arr, field, str } from '../model/objects.js';
import type { CorsPolicy } from '../model/policy.js';
import type { HeaderModifier, HeaderValue, PathModifier, RouteFilters } from '../model/types.js';
import type { FilterShape } from './read.js';
import { isHttpToken } from '../model/validate-values.js';
import { corsHeaderPlan } from '../model/cors.js';
import { modifiedNames } from './filters-apply.js';

const HEADER_VALUE = /^[\t\x20-\x7e]{0,4096}$/;
const HOSTNAME = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SAFE_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
const REDIRECT_CODES = new Set([301, 302, 303, 307, 308]);

export interface FilterResult {
  filters: RouteFilters;
  cors?: CorsPolicy;
  findings: Finding[];
}

/** `onBackend`: a backendRef's filters (the header modifiers only make sense there). */
export function readFilters(doc: Document, shapes: readonly FilterShape[], onBackend: boolean): FilterResult {
  const filters: RouteFilters = {};
  const findings: Finding[] = [];
  let cors: CorsPolicy | undefined;
  const bad = (path: (string | number)[], message: string, hint: string) => findings.push(findingAt(doc, { ruleId: 'gateway-invalid-filter', path, message, hint }));
  for (const f of shapes) {
    const at = f.path;
    switch (f.type) {
      case 'RequestHeaderModifier':
      case 'ResponseHeaderModifier': {
        const key = f.type === 'RequestHeaderModifier' ? 'requestHeaderModifier' : 'responseHeaderModifier';
        const m = readModifier(f.value, [...at, key], bad);
        if (f.type === 'RequestHeaderModifier') filters.requestHeaders = m;
        else filters.responseHeaders = m;
        break;
      }
      case 'RequestRedirect':
      case 'URLRewrite': {
        if (onBackend) {
          unsupported(findings, doc, at, `${f.type} on a backendRef`, 'Put it on the rule.');
          break;
        }
        const key = f.type === 'RequestRedirect' ? 'requestRedirect' : 'urlRewrite';
        const hostname = str(field(f.value, 'hostname'));
        if (hostname !== undefined && !HOSTNAME.test(hostname)) {
          bad([...at, key, 'hostname'], `hostname ${JSON.stringify(hostname)} is not a valid DNS name; the filter is left out`, 'Use a lower-case DNS name.');
          break;
        }
        const path = readPathModifier(f.value, [...at, key, 'path'], bad);
        if (path === null) break;
        if (f.type === 'URLRewrite') {
          filters.rewrite = { ...(hostname ? { hostname } : {}), ...(path ? { path } : {}) };
          break;
        }
        const scheme = str(field(f.value, 'scheme'));
        const port = field(f.value, 'port');
        const code = field(f.value, 'statusCode') ?? 302;
        if (scheme !== undefined && scheme !== 'http' && scheme !== 'https') bad([...at, key, 'scheme'], `scheme ${JSON.stringify(scheme)} must be http or https; the filter is left out`, 'Use http or https.');
        else if (port !== undefined && !(typeof port === 'number' && Number.isInteger(port) && port >= 1 && port <= 65535)) bad([...at, key, 'port'], `port ${JSON.stringify(port)} is not between 1 and 65535; the filter is left out`, 'Use a port number.');
        else if (typeof code !== 'number' || !REDIRECT_CODES.has(code)) bad([...at, key, 'statusCode'], `statusCode ${JSON.stringify(code)} is not a redirect status (301, 302, 303, 307, 308); the filter is left out`, 'Use 301 or 302.');
        else filters.redirect = { ...(scheme ? { scheme: scheme as 'http' | 'https' } : {}), ...(hostname ? { hostname } : {}), ...(path ? { path } : {}), ...(typeof port === 'number' ? { port } : {}), statusCode: code as 301 };
        break;
      }
      case 'CORS':
        if (onBackend) unsupported(findings, doc, at, 'CORS on a backendRef', 'Put it on the rule.');
        else cors = readCors(f.value, [...at, 'cors'], bad);
        break;
      case 'RequestMirror':
        unsupported(findings, doc, [...at, 'type'], 'the RequestMirror filter', 'Remove it: ingressctl does not mirror traffic; the rule routes without it.');
        break;
      case 'ExtensionRef':
        unsupported(findings, doc, [...at, 'type'], 'ExtensionRef filters (implementation-specific)', 'Remove it: its meaning belongs to one controller.');
        break;
      default:
        unsupported(findings, doc, [...at, 'type'], `filter type ${JSON.stringify(f.type)}`, 'Use RequestHeaderModifier, ResponseHeaderModifier, RequestRedirect, URLRewrite or CORS.');
    }
  }
  return { filters, ...(cors ? { cors } : {}), findings };
}

export function unsupported(findings: Finding[], doc: Document, path: readonly (string | number)[], what: string, hint: string): void {
  findings.push(findingAt(doc, { ruleId: 'gateway-unsupported', path, message: `${what} is not supported by ingressctl; it is left out`, hint }));
}

type Bad = (path: (string | number)[], message: string, hint: string) => void;

function readModifier(v: unknown, at: (string | number)[], bad: Bad): HeaderModifier {
  const pairs = (key: 'set' | 'add'): HeaderValue[] =>
    arr(field(v, key)).flatMap((h, i) => {
      const name = str(field(h, 'name')) ?? '';
      const value = str(field(h, 'value')) ?? '';
      if (!isHttpToken(name)) return (bad([...at, key, i, 'name'], `header name ${JSON.stringify(name)} is not an HTTP token; it is left out`, 'Use letters, digits and "-".'), []);
      if (!HEADER_VALUE.test(value)) return (bad([...at, key, i, 'value'], `the value of header ${name} holds control characters or non-ASCII text; it is left out`, 'Use printable ASCII.'), []);
      return [{ name, value }];
    });
  const remove = arr(field(v, 'remove')).flatMap((n, i) => {
    if (typeof n === 'string' && isHttpToken(n)) return [n];
    return (bad([...at, 'remove', i], `header name ${JSON.stringify(n)} is not an HTTP token; it is left out`, 'Use letters, digits and "-".'), []);
  });
  return { set: pairs('set'), add: pairs('add'), remove };
}

/** undefined: no path modifier; null: an invalid one (reported). */
function readPathModifier(v: unknown, at: (string | number)[], bad: Bad): PathModifier | undefined | null {
  const p = field(v, 'path');
  if (p === undefined) return undefined;
  const type = str(field(p, 'type'));
  const value = type === 'ReplaceFullPath' ? str(field(p, 'replaceFullPath')) : type === 'ReplacePrefixMatch' ? str(field(p, 'replacePrefixMatch')) : undefined;
  if (!type || value === undefined) {
    bad([...at, 'type'], `path modifier ${JSON.stringify(type)} needs its replaceFullPath or replacePrefixMatch; the filter is left out`, 'Use ReplaceFullPath or ReplacePrefixMatch with its value.');
    return null;
  }
  if (!SAFE_PATH.test(value)) {
    bad([...at, type === 'ReplaceFullPath' ? 'replaceFullPath' : 'replacePrefixMatch'], `path ${JSON.stringify(value)} is not an absolute URL path; the filter is left out`, 'Start with "/" and percent-encode other characters.');
    return null;
  }
  return { type: type as 'ReplaceFullPath', value };
}

/**
 * The CORS filter as the model's one CORS policy (the same the enable-cors annotation fills),
 * with the spec's meaning (src/model/cors.ts). Every name is an HTTP token: they reach
 * generated configurations and response headers.
 */
function readCors(v: unknown, at: (string | number)[], bad: Bad): CorsPolicy | undefined {
  const list = (k: string) => arr(field(v, k)).filter((x): x is string => typeof x === 'string');
  const origins = list('allowOrigins');
  const parsed: Exclude<CorsPolicy['origins'], '*'> = [];
  for (const [i, o] of origins.entries()) {
    if (o === '*') return finish('*');
    const m = /^(https?):\/\/(\*|(?:\*\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::(\d{1,5}))?$/i.exec(o);
    if (!m || (m[3] && !(Number(m[3]) >= 1 && Number(m[3]) <= 65535))) {
      bad([...at, 'allowOrigins', i], `origin ${JSON.stringify(o)} is not scheme://host[:port]; the CORS filter is left out`, 'Write origins as https://app.example.com.');
      return undefined;
    }
    parsed.push({ scheme: m[1].toLowerCase() as 'http', host: m[2].toLowerCase(), ...(m[3] ? { port: Number(m[3]) } : {}) });
  }
  return finish(parsed);
  function finish(o: CorsPolicy['origins']): CorsPolicy | undefined {
    const maxAge = field(v, 'maxAge');
    const credentials = field(v, 'allowCredentials') === true;
    const names = (k: string): string | undefined => {
      const all = list(k);
      const i = all.findIndex((n) => !isHttpToken(n));
      if (i !== -1) return void bad([...at, k, i], `${JSON.stringify(all[i])} is not an HTTP token; the CORS filter is left out`, 'Use names of letters, digits and "-", or "*".');
      // "*" stands alone (the CRD's rule): with other names it is still "every one"
      return all.includes('*') && k !== 'exposeHeaders' ? '*' : all.join(', ');
    };
    const methods = names('allowMethods');
    const headers = names('allowHeaders');
    let exposeHeaders = names('exposeHeaders');
    if (methods === undefined || headers === undefined || exposeHeaders === undefined) return undefined;
    if (credentials && exposeHeaders.split(', ').includes('*')) {
      // the spec: with credentials "*" cannot be sent (a browser would read it as a header name)
      bad([...at, 'exposeHeaders'], 'exposeHeaders "*" cannot be used with allowCredentials: true; "*" is left out', 'List the header names to expose.');
      exposeHeaders = exposeHeaders.split(', ').filter((n) => n !== '*').join(', ');
    }
    if (maxAge !== undefined && !(typeof maxAge === 'number' && Number.isInteger(maxAge) && maxAge >= 1 && maxAge <= 2147483647)) {
      bad([...at, 'maxAge'], `maxAge ${JSON.stringify(maxAge)} is not a number of seconds; the CORS filter is left out`, 'Use a whole number of seconds, at least 1.');
      return undefined;
    }
    return { origins: o, methods, headers, exposeHeaders, credentials, maxAge: typeof maxAge === 'number' ? maxAge : 5, gatewayApi: true };
  }
}

/**
 * A ResponseHeaderModifier (the rule's or a backendRef's) that changes a header the rule's CORS
 * filter writes: every target applies it after the CORS headers on answers from the backend,
 * not to the preflight answer (answerHeaders, src/gateway/filters-apply.ts), also when it is
 * listed before the CORS filter. Reported at the modifier, as a warning.
 */
export function corsModifierFindings(doc: Document, cors: CorsPolicy | undefined, rule: { shapes: readonly FilterShape[]; filters: RouteFilters }, backends: readonly { shapes: readonly FilterShape[]; filters?: RouteFilters }[]): Finding[] {
  if (!cors) return [];
  const written = new Set(corsHeaderPlan(cors).map(([name]) => name));
  const corsAt = rule.shapes.findIndex((s) => s.type === 'CORS');
  const out: Finding[] = [];
  for (const [where, { shapes, filters }] of [['rule', rule], ...backends.map((b) => ['backendRef', b] as const)] as const) {
    const i = shapes.findIndex((s) => s.type === 'ResponseHeaderModifier');
    const both = [...new Set(modifiedNames(filters?.responseHeaders))].filter((n) => written.has(n));
    if (i === -1 || !both.length) continue;
    const before = where === 'rule' && i < corsAt ? '; it is listed before the CORS filter but acts after it, on every target' : '';
    out.push(
      findingAt(doc, {
        ruleId: 'gateway-cors-header-modifier',
        path: shapes[i].path,
        message: `this ResponseHeaderModifier changes ${both.join(', ')}, which the CORS filter writes: it acts on the CORS values in answers from the backend; the preflight answer keeps the CORS values${before}`,
        hint: 'Let the CORS filter write its headers, or drop the CORS filter and write them here.',
      }),
    );
  }
  return out;
}
