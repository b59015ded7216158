// The edge-case table shared by the nginx (test/e2e/nginx-edges.test.ts) and Traefik
// (test/traefik/edges.test.ts) tests: manifests with paths at the edges of each target's
// syntax (encoded and non-ASCII rule paths, characters that need quoting, rules no canonical
// path can match, rewrite-target, a host with no default backend anywhere, a TLS host's
// plain-HTTP side) and the requests sent to them. Each test compares every request with the
// model's Matcher.
import { ingress } from '../helpers.js';

export const edgeYaml =
  ingress('enc', 'enc.example.com', [['/caf%C3%A9', 'Prefix', 'cafe'], ['/a%20b', 'Exact', 'space'], ['/x;y', 'Prefix', 'semi'], ["/q$x'", 'Exact', 'dollar'], ['/%66oo', 'Prefix', 'never'], ['/a//b', 'Prefix', 'never2'], ['/p%3Fq', 'Prefix', 'qmark']]) +
  ingress('lit', 'lit.example.com', [['/d/', 'Exact', 'd-slash'], ['/d', 'Prefix', 'd'], ['/e/f/', 'Exact', 'ef-slash'], ['/e', 'Prefix', 'e']]) +
  ingress('rw', 'rw.example.com', [['/s(/|$)(.*)', 'ImplementationSpecific', 'rewritten']], { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/$2' } }) +
  // a TLS host whose plain-HTTP side is one regex location (every route redirects)
  ingress('tls', 'tls.example.com', [['/x/', 'Exact', 'tx'], ['/p', 'Prefix', 'tp'], ['/q', 'Exact', 'tq']], { tls: 'absent' }) +
  ingress('tls-re', 'tls.example.com', [['/R[0-9]+', 'ImplementationSpecific', 'tr']], { tls: 'absent', annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } });

export const edgeRequests: [host: string, target: string][] = [
  ['enc.example.com', '/caf%C3%A9'],
  ['enc.example.com', '/caf%c3%a9/x'],
  ['enc.example.com', '/caf%C3%A9x'],
  ['enc.example.com', '/a%20b'],
  ['enc.example.com', '/a%20b/'],
  ['enc.example.com', '/x;y/z'],
  ['enc.example.com', '/x%3By'],
  ['enc.example.com', "/q$x'"],
  ['enc.example.com', '/foo'],
  ['enc.example.com', '/%66oo'],
  ['enc.example.com', '/a//b'],
  ['enc.example.com', '/p%3Fq/r'],
  ['enc.example.com', '/p?q'],
  ['enc.example.com', '/nothing'],
  ['lit.example.com', '/d'],
  ['lit.example.com', '/d/'],
  ['lit.example.com', '/d/x'],
  ['lit.example.com', '/e/f'],
  ['lit.example.com', '/e/f/'],
  ['lit.example.com', '/e/f/g'],
  ['lit.example.com', '/ef'],
  ['rw.example.com', '/s/tea?x=1'],
  ['rw.example.com', '/S'],
  ['rw.example.com', '/t'],
  ['nobody.example.com', '/'],
  ['tls.example.com', '/x/'],
  ['tls.example.com', '/x'],
  ['tls.example.com', '/p'],
  ['tls.example.com', '/p/a?b=1'],
  ['tls.example.com', '/pa'],
  ['tls.example.com', '/q'],
  ['tls.example.com', '/q/'],
  ['tls.example.com', '/r12/x'],
  ['tls.example.com', '/r'],
];
