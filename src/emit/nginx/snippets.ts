// render --allow-snippets (nginx only): configuration-snippet in the locations of its
// Ingress, server-snippet in the servers of its hosts, each in its own delimited block and
// each reported. A snippet must be whole statements with balanced braces, read as nginx's
// lexer reads them, so it cannot close the block it is put in or swallow what follows.
// The other snippet annotations have no place in what ingressctl renders.
import type { Document } from '../../load/document.js';
import { NGINX_PREFIX } from '../../model/annotations/index.js';
import { findingAt, type Finding } from '../../findings/finding.js';
import type { Origin, VirtualHost } from '../../model/types.js';
import type { Directive } from './config.js';

/** Why `text` cannot be pasted as a block's content, or undefined when it can. */
export function snippetProblem(text: string): string | undefined {
  if (/[^\x20-\x7e\t\n\r]/.test(text)) return 'it holds control or non-ASCII characters';
  let depth = 0;
  let quote: string | undefined;
  let last = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i++;
      last = 'x';
      continue;
    }
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      last = 'x';
    } else if (c === '{') depth++;
    else if (c === '}' && --depth < 0) return 'it closes a block it did not open';
    if (!/\s/.test(c)) last = c;
  }
  if (quote) return 'a quoted string is not closed';
  if (depth) return 'a block is not closed';
  if (last !== '' && last !== ';' && last !== '}') return 'it does not end with ";" or "}"';
  return undefined;
}

const PLACED = ['configuration-snippet', 'server-snippet'];
/** No snippet: one array for every location and server (asked once per route) */
const NONE: readonly Directive[] = Object.freeze([]);
const NEVER = ['auth-snippet', 'stream-snippet', 'modsecurity-snippet'];

export class Snippets {
  readonly findings: Finding[] = [];
  private readonly byIngress = new Map<string, { configuration?: string; server?: string }>();

  constructor(documents: readonly Document[] | undefined, enabled: boolean, used: ReadonlySet<string>) {
    if (!enabled || !documents) return;
    for (const doc of documents) {
      if (doc.kind !== 'Ingress' || !used.has(`${doc.namespace}/${doc.name}`)) continue;
      const ann = (doc.obj.metadata?.annotations ?? {}) as Record<string, unknown>;
      for (const name of [...PLACED, ...NEVER]) {
        const value = ann[NGINX_PREFIX + name];
        if (typeof value !== 'string') continue;
        const path = ['metadata', 'annotations', NGINX_PREFIX + name];
        if (NEVER.includes(name)) {
          this.findings.push(findingAt(doc, { ruleId: 'snippet', severity: 'warning', path, at: 'key', message: `${NGINX_PREFIX}${name} is not copied even with --allow-snippets: what ingressctl renders has no place for it` }));
          continue;
        }
        const problem = snippetProblem(value);
        if (problem) {
          this.findings.push(findingAt(doc, { ruleId: 'snippet', severity: 'error', path, message: `${NGINX_PREFIX}${name} is not copied: ${problem}`, hint: 'A snippet must be complete directives with balanced braces.' }));
          continue;
        }
        const entry = this.byIngress.get(`${doc.namespace}/${doc.name}`) ?? {};
        entry[name === 'server-snippet' ? 'server' : 'configuration'] = value;
        this.byIngress.set(`${doc.namespace}/${doc.name}`, entry);
        this.findings.push(findingAt(doc, { ruleId: 'snippet', severity: 'warning', path, at: 'key', message: `${NGINX_PREFIX}${name} is copied into nginx.conf as it is (--allow-snippets): raw configuration from the manifest, unchecked beyond its braces`, hint: 'Only for Ingress authors you trust with the whole proxy.' }));
      }
    }
  }

  /** configuration-snippet of the Ingress a location's route (or default backend) comes from. */
  location(origin: Origin | undefined): readonly Directive[] {
    if (!this.byIngress.size) return NONE;
    const text = origin && this.byIngress.get(`${origin.namespace}/${origin.name}`)?.configuration;
    return text ? [raw(text, `configuration-snippet of Ingress ${origin!.namespace}/${origin!.name}`)] : NONE;
  }

  /** server-snippet of the first Ingress with one among those routing on the host (ingress-nginx takes one per host). */
  server(v: VirtualHost | undefined): readonly Directive[] {
    if (!v || !this.byIngress.size) return NONE;
    const origins = [...v.routes.map((r) => r.origin), ...(v.defaultBackend ? [v.defaultBackend.origin] : [])];
    for (const o of origins) {
      const text = this.byIngress.get(`${o.namespace}/${o.name}`)?.server;
      if (text) return [raw(text, `server-snippet of Ingress ${o.namespace}/${o.name}`)];
    }
    return [];
  }
}

function raw(text: string, what: string): Directive {
  return { name: '', args: [], raw: text, comment: `BEGIN ${what} (--allow-snippets)` };
}
