// The benign twin of a case: every hostile value replaced by a placeholder that the model
// and the emitters must treat the same way (accepted or refused at the same field, same
// lengths, same equalities between values), so that the configs rendered from the case
// and from its twin must have the same structure. Where no such placeholder exists for a
// case (it uses every benign stand-in), the case is skipped.
//
// The rules below follow the specifications the model implements, not its code: RFC 3986
// path characters, DNS-1123 names, the annotation value syntax.
import type { Slot } from './cases.js';

export type Twin = (s: Slot) => string;

const PCHAR_PATH = /^\/(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-Fa-f]{2})*$/;
const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const DNS_HOST = new RegExp(`^(\\*\\.)?${LABEL}(\\.${LABEL})*$`);
const IPV4_LIKE = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Hostile path bytes that a valid path may hold (sub-delims raw, anything as %XX), and
 * stand-ins of the same class: written as they are or escaped alike in nginx's regexes,
 * with a hex letter so that a lower-case escape stays lower-case. "%" (from %25) has no
 * stand-in of its class and stays.
 */
const PATH_CLASSES: { hostile: string; pool: string }[] = [
  { hostile: "';", pool: '=:,' },
  { hostile: '$', pool: '*+' },
  { hostile: '"#{}` ', pool: '<>[]^|' },
];
/** Regex literals that are hostile in some config syntax, and stand-ins that are literal in every regex context. */
const REGEX_CLASS = { hostile: ';"\'#%`', pool: '@&~_' };

/** Builds the twin function for the case's slots; undefined when the case has no faithful twin. */
export function makeTwin(slots: readonly Slot[], regexIngresses: ReadonlySet<number>): Twin | undefined {
  const isRegex = (s: Slot) => s.slot === 'path' && s.pathType === 'ImplementationSpecific' && regexIngresses.has(s.ingress!);
  const paths = slots.filter((s) => s.slot === 'path' && !isRegex(s)).map((s) => s.v);
  const regexes = slots.filter(isRegex).map((s) => s.v);

  const pathMap = substitution(PATH_CLASSES, paths.filter((p) => PCHAR_PATH.test(p)).flatMap(pathBytes));
  const regexMap = substitution([REGEX_CLASS], regexes.flatMap((r) => r.split('')));
  if (!pathMap || !regexMap) return undefined;

  const names = new Set(slots.filter((s) => s.slot === 'name').map((s) => s.v));
  if (new Set([...names].map(nameTwin)).size !== names.size) return undefined;

  const invalidHosts = new Map<string, string>();
  const hostTwin = (h: string, tls: boolean) => {
    if (validHost(h, tls)) return h;
    let t = invalidHosts.get(h);
    if (!t) invalidHosts.set(h, (t = `invalid_host_${invalidHosts.size}`));
    return t;
  };
  const invalidPaths = new Map<string, string>();

  return (s: Slot) => {
    switch (s.slot) {
      case 'name':
        return nameTwin(s.v);
      case 'dns':
        return s.v.replace(/[^A-Za-z0-9.:-]/g, '_'); // ":" for IPv6 addresses
      case 'host':
        return hostTwin(s.v, false);
      case 'tlsHost':
        return hostTwin(s.v, true);
      case 'annotation':
        return annotationTwin(s.v);
      case 'path':
        if (isRegex(s)) return s.v.split('').map((c) => regexMap.get(c) ?? (c < ' ' || c === '\x7f' ? ' ' : c > '\x7f' ? 'é' : c)).join('');
        if (s.v === '' || PCHAR_PATH.test(s.v)) return mapPath(s.v, pathMap);
        if (!invalidPaths.has(s.v)) invalidPaths.set(s.v, `relative-${invalidPaths.size}`);
        return invalidPaths.get(s.v)!;
    }
  };
}

/** Hostile characters found in `used` → stand-ins of their class that `used` does not hold; undefined when a class runs out. */
function substitution(classes: { hostile: string; pool: string }[], used: string[]): Map<string, string> | undefined {
  const present = new Set(used);
  const map = new Map<string, string>();
  for (const { hostile, pool } of classes) {
    const free = [...pool].filter((c) => !present.has(c));
    for (const h of hostile) {
      if (!present.has(h)) continue;
      const to = free.shift();
      if (to === undefined) return undefined;
      map.set(h, to);
    }
  }
  return map;
}

/** A path as the bytes it names: raw characters and %XX decoded. */
function pathBytes(p: string): string[] {
  return [...p.replace(/%([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)))];
}

function mapPath(p: string, map: Map<string, string>): string {
  return p.replace(/%([0-9A-Fa-f]{2})|[^%]/g, (m: string, hex?: string) => {
    if (hex === undefined) return map.get(m) ?? m;
    const to = map.get(String.fromCharCode(parseInt(hex, 16)));
    if (to === undefined) return m;
    // keep the escape's letter case: a lower-case escape is not canonical, and must stay so
    const out = to.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0');
    return '%' + (/[a-f]/.test(hex) ? out.toLowerCase() : out);
  });
}

/** Names: DNS characters (any case) kept, everything else "_", which no name rule accepts. */
function nameTwin(v: string): string {
  return v.replace(/[^A-Za-z0-9.-]/g, '_');
}

/** Kubernetes host rules: a lower-case DNS-1123 subdomain or "*." + one; TLS hosts are compared in lower case. */
function validHost(h: string, tls: boolean): boolean {
  if (h === '') return !tls;
  if (!/^[\x20-\x7e]*$/.test(h)) return false;
  const v = tls ? h.toLowerCase() : h;
  return v.length <= 253 && DNS_HOST.test(v) && !(IPV4_LIKE.test(v) && !tls);
}

/**
 * Annotation values are trimmed, then refused whole when they hold a character that ends a
 * token somewhere; the twin keeps that decision: characters that are always refused become
 * "$$" (refused by every annotation's syntax), "#" and "%" become "^" and "~" (same class
 * for rewrite-target), and the whitespace that trimming removes stays whitespace.
 */
function annotationTwin(v: string): string {
  const m = /^(\s*)([\s\S]*?)(\s*)$/.exec(v)!;
  const inner = m[2].replace(/[\r\n\0;{}"'`\\]/g, '$$$$').replace(/#/g, '^').replace(/%/g, '~');
  return m[1].replace(/[\s\S]/g, ' ') + inner + m[3].replace(/[\s\S]/g, ' ');
}
