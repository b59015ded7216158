// The shared routing table: requests against fixtures/routing, each with the outcome the
// Ingress specification (docs/routing.md) gives, written out by hand. The model's Matcher must
// agree with every row (test/model/routing-cases.test.ts), and so must every target run
// on real engines (test/e2e/nginx-routing.test.ts, HAProxy, Envoy, serve).

export const routingFixture = 'fixtures/routing';

export interface RoutingCase {
  /** the rule of docs/routing.md the row shows */
  rule: string;
  scheme: 'http' | 'https';
  /** the Host header as sent (capitals and a port included); HTTPS sends it as SNI too, without the port */
  host: string;
  /** the request target as sent: path and query */
  path: string;
  /**
   * "namespace/service:port" of the backend that answers; "308 https://…" for the HTTPS
   * redirect (written for HTTPS port 443: see redirectFor); or a status: "400", "404".
   */
  expect: string;
}

const b = (service: string) => `default/${service}:80`;
const CATCH_ALL = b('catch-all');

export const cases: RoutingCase[] = [
  // Host
  { rule: 'exact host', scheme: 'http', host: 'exact.example.com', path: '/', expect: b('exact-root') },
  { rule: 'exact host, case-insensitive', scheme: 'http', host: 'EXACT.Example.COM', path: '/x', expect: b('exact-root') },
  { rule: 'exact host, port in Host ignored', scheme: 'http', host: 'exact.example.com:8080', path: '/x', expect: b('exact-root') },
  { rule: 'exact host, trailing dot ignored', scheme: 'http', host: 'exact.example.com.', path: '/x', expect: b('exact-root') },
  { rule: 'wildcard matches one label', scheme: 'http', host: 'a.wild.example.com', path: '/', expect: b('wild-root') },
  { rule: 'wildcard, case and port ignored', scheme: 'http', host: 'A.Wild.Example.com:9999', path: '/x', expect: b('wild-root') },
  { rule: 'wildcard does not match the bare domain', scheme: 'http', host: 'wild.example.com', path: '/anyhost', expect: b('anyhost') },
  { rule: 'wildcard does not match two labels', scheme: 'http', host: 'b.a.wild.example.com', path: '/anyhost', expect: b('anyhost') },
  { rule: 'wildcard, two labels: host-less rules, then catch-all', scheme: 'http', host: 'b.a.wild.example.com', path: '/x', expect: CATCH_ALL },
  { rule: 'exact host beats wildcard', scheme: 'http', host: 'special.wild.example.com', path: '/', expect: b('special') },
  { rule: 'host-less rule applies to any host', scheme: 'http', host: 'other.example.org', path: '/anyhost', expect: b('anyhost') },
  { rule: 'host-less Prefix, below', scheme: 'http', host: 'other.example.org', path: '/anyhost/x', expect: b('anyhost') },
  { rule: 'host-less, no path match: catch-all', scheme: 'http', host: 'other.example.org', path: '/nothing', expect: CATCH_ALL },
  { rule: 'a named host never falls through to host-less rules', scheme: 'http', host: 'exact.example.com', path: '/anyhost', expect: b('exact-root') },
  { rule: 'a named host never falls through (no path match)', scheme: 'http', host: 'paths.example.com', path: '/anyhost', expect: CATCH_ALL },

  // Exact
  { rule: 'Exact matches the same path', scheme: 'http', host: 'paths.example.com', path: '/exact', expect: b('exact') },
  { rule: 'Exact /exact does not match /exact/', scheme: 'http', host: 'paths.example.com', path: '/exact/', expect: CATCH_ALL },
  { rule: 'Exact is case-sensitive', scheme: 'http', host: 'paths.example.com', path: '/EXACT', expect: CATCH_ALL },
  { rule: 'Exact /exact-slash/ matches itself', scheme: 'http', host: 'paths.example.com', path: '/exact-slash/', expect: b('exact-slash') },
  { rule: 'Exact /exact-slash/ does not match /exact-slash (no redirect)', scheme: 'http', host: 'paths.example.com', path: '/exact-slash', expect: CATCH_ALL },
  { rule: 'Exact, the query takes no part', scheme: 'http', host: 'paths.example.com', path: '/exact?x=/foo', expect: b('exact') },

  // Prefix
  { rule: 'Prefix /foo matches /foo', scheme: 'http', host: 'paths.example.com', path: '/foo', expect: b('foo') },
  { rule: 'Prefix /foo matches /foo/', scheme: 'http', host: 'paths.example.com', path: '/foo/', expect: b('foo') },
  { rule: 'Prefix /foo matches /foo/x', scheme: 'http', host: 'paths.example.com', path: '/foo/x', expect: b('foo') },
  { rule: 'Prefix /foo never matches /foobar', scheme: 'http', host: 'paths.example.com', path: '/foobar', expect: CATCH_ALL },
  { rule: 'Prefix /foo never matches /foo.bar', scheme: 'http', host: 'paths.example.com', path: '/foo.bar', expect: CATCH_ALL },
  { rule: 'Prefix rule /bar/ matches /bar (trailing slash ignored)', scheme: 'http', host: 'paths.example.com', path: '/bar', expect: b('bar') },
  { rule: 'Prefix rule /bar/ matches /bar/', scheme: 'http', host: 'paths.example.com', path: '/bar/', expect: b('bar') },
  { rule: 'Prefix rule /bar/ matches /bar/x', scheme: 'http', host: 'paths.example.com', path: '/bar/x', expect: b('bar') },
  { rule: 'Prefix rule /bar/ does not match /barx', scheme: 'http', host: 'paths.example.com', path: '/barx', expect: CATCH_ALL },
  { rule: 'Prefix /aaa/bb matches itself', scheme: 'http', host: 'paths.example.com', path: '/aaa/bb', expect: b('aaa-bb') },
  { rule: 'Prefix /aaa/bb matches below', scheme: 'http', host: 'paths.example.com', path: '/aaa/bb/c', expect: b('aaa-bb') },
  { rule: 'Prefix /aaa/bb does not match /aaa/bbb', scheme: 'http', host: 'paths.example.com', path: '/aaa/bbb', expect: CATCH_ALL },
  { rule: 'Prefix is case-sensitive (match)', scheme: 'http', host: 'paths.example.com', path: '/Case/x', expect: b('case') },
  { rule: 'Prefix is case-sensitive (no match)', scheme: 'http', host: 'paths.example.com', path: '/case/x', expect: CATCH_ALL },

  // Precedence
  { rule: 'at equal length Exact beats Prefix (across Ingresses)', scheme: 'http', host: 'paths.example.com', path: '/foo/bar', expect: b('foo-bar-exact') },
  { rule: 'longer Prefix beats shorter: /foo/bar/', scheme: 'http', host: 'paths.example.com', path: '/foo/bar/', expect: b('foo-bar') },
  { rule: 'longer Prefix beats shorter: /foo/bar/baz', scheme: 'http', host: 'paths.example.com', path: '/foo/bar/baz', expect: b('foo-bar') },
  { rule: 'element-wise: /foo/barn is under /foo, not /foo/bar', scheme: 'http', host: 'paths.example.com', path: '/foo/barn', expect: b('foo') },
  { rule: 'longest wins whatever the list order', scheme: 'http', host: 'order.example.com', path: '/api/v1/users', expect: b('order-api-v1') },
  { rule: 'middle prefix', scheme: 'http', host: 'order.example.com', path: '/api/v2', expect: b('order-api') },
  { rule: 'root prefix catches the rest', scheme: 'http', host: 'order.example.com', path: '/other', expect: b('order-root') },
  { rule: 'root prefix matches /', scheme: 'http', host: 'order.example.com', path: '/', expect: b('order-root') },
  { rule: 'identical routes: the older Ingress wins', scheme: 'http', host: 'order.example.com', path: '/dup/x', expect: b('dup-old') },

  // ImplementationSpecific and regex
  { rule: 'ImplementationSpecific without regex is Prefix', scheme: 'http', host: 'impl.example.com', path: '/impl/x', expect: b('impl') },
  { rule: 'ImplementationSpecific Prefix never matches /implx', scheme: 'http', host: 'impl.example.com', path: '/implx', expect: CATCH_ALL },
  { rule: 'regex path', scheme: 'http', host: 'regex.example.com', path: '/api/v2/users', expect: b('api-versioned') },
  { rule: 'regex is case-insensitive', scheme: 'http', host: 'regex.example.com', path: '/API/V22', expect: b('api-versioned') },
  { rule: 'regex is anchored at the start', scheme: 'http', host: 'regex.example.com', path: '/x/api/v2', expect: CATCH_ALL },
  { rule: 'a longer Prefix beats a shorter regex', scheme: 'http', host: 'regex.example.com', path: '/api/v1/admin/x', expect: b('admin') },
  { rule: 'a longer regex beats a shorter Exact', scheme: 'http', host: 'regex.example.com', path: '/api/v9', expect: b('api-versioned') },
  { rule: 'a shorter Prefix loses to a regex that matches', scheme: 'http', host: 'regex.example.com', path: '/api/v1', expect: b('api-versioned') },
  { rule: 'the Prefix takes what no regex matches', scheme: 'http', host: 'regex.example.com', path: '/api/x', expect: b('api-prefix') },
  { rule: 'regex with an end anchor', scheme: 'http', host: 'regex.example.com', path: '/img/a/b.PNG', expect: b('png') },
  { rule: 'regex end anchor: no match past it', scheme: 'http', host: 'regex.example.com', path: '/img/a.png/x', expect: CATCH_ALL },

  // Default backends
  { rule: 'host route', scheme: 'http', host: 'defaults.example.com', path: '/app/x', expect: b('app') },
  { rule: 'no path match: the host\'s own default backend', scheme: 'http', host: 'defaults.example.com', path: '/other', expect: b('host-fallback') },
  { rule: 'no path match, no host default: catch-all', scheme: 'http', host: 'paths.example.com', path: '/zzz', expect: CATCH_ALL },
  { rule: 'unknown host: host-less rules, then catch-all', scheme: 'http', host: 'unknown.example.net', path: '/', expect: CATCH_ALL },

  // TLS
  { rule: 'plain HTTP to a TLS host: 308 to HTTPS, query kept', scheme: 'http', host: 'secure.example.com', path: '/a?q=1', expect: '308 https://secure.example.com/a?q=1' },
  { rule: 'the redirect drops the HTTP port', scheme: 'http', host: 'secure.example.com:8080', path: '/a', expect: '308 https://secure.example.com/a' },
  { rule: 'HTTPS to a TLS host', scheme: 'https', host: 'secure.example.com', path: '/a', expect: b('secure') },
  { rule: 'ssl-redirect "false": plain HTTP served', scheme: 'http', host: 'plain-tls.example.com', path: '/', expect: b('plain-tls') },
  { rule: 'ssl-redirect "false": HTTPS served', scheme: 'https', host: 'plain-tls.example.com', path: '/', expect: b('plain-tls') },
  { rule: 'missing Secret: still redirected', scheme: 'http', host: 'missing-tls.example.com', path: '/x', expect: '308 https://missing-tls.example.com/x' },
  { rule: 'missing Secret: HTTPS served (self-signed)', scheme: 'https', host: 'missing-tls.example.com', path: '/x', expect: b('missing-tls') },
  { rule: 'force-ssl-redirect without TLS', scheme: 'http', host: 'forced.example.com', path: '/x', expect: '308 https://forced.example.com/x' },
  { rule: 'force-ssl-redirect: HTTPS served', scheme: 'https', host: 'forced.example.com', path: '/x', expect: b('forced') },
  { rule: 'HTTPS to a host without TLS is routed as HTTP', scheme: 'https', host: 'exact.example.com', path: '/x', expect: b('exact-root') },
  { rule: 'HTTPS, host-less rules', scheme: 'https', host: 'other.example.org', path: '/anyhost', expect: b('anyhost') },
  { rule: 'HTTPS, wildcard host', scheme: 'https', host: 'z.wild.example.com', path: '/', expect: b('wild-root') },

  // The request path
  { rule: 'repeated slashes merged', scheme: 'http', host: 'paths.example.com', path: '//foo', expect: b('foo') },
  { rule: 'repeated slashes merged inside', scheme: 'http', host: 'paths.example.com', path: '/foo//bar', expect: b('foo-bar-exact') },
  { rule: 'dot segments resolved', scheme: 'http', host: 'paths.example.com', path: '/x/../exact', expect: b('exact') },
  { rule: 'single-dot segments dropped', scheme: 'http', host: 'paths.example.com', path: '/./exact', expect: b('exact') },
  { rule: 'encoded unreserved characters decoded', scheme: 'http', host: 'paths.example.com', path: '/%66oo/x', expect: b('foo') },
  { rule: 'encoded dots are dot segments', scheme: 'http', host: 'paths.example.com', path: '/x/%2E%2E/exact', expect: b('exact') },
  { rule: 'an encoded slash is refused', scheme: 'http', host: 'paths.example.com', path: '/foo%2Fbar', expect: '400' },
  { rule: 'an encoded slash is refused (lower case)', scheme: 'http', host: 'paths.example.com', path: '/foo%2fbar', expect: '400' },
  { rule: 'an encoded backslash is refused', scheme: 'http', host: 'paths.example.com', path: '/foo%5Cbar', expect: '400' },
  { rule: 'a raw backslash is refused', scheme: 'http', host: 'paths.example.com', path: '/foo\\bar', expect: '400' },
  { rule: 'an encoded NUL is refused', scheme: 'http', host: 'paths.example.com', path: '/foo%00', expect: '400' },
  { rule: 'climbing above the root is refused', scheme: 'http', host: 'paths.example.com', path: '/../foo', expect: '400' },
  { rule: 'refused on a host-less request too', scheme: 'http', host: 'other.example.org', path: '/anyhost%2Fx', expect: '400' },
  { rule: 'refused over HTTPS too', scheme: 'https', host: 'secure.example.com', path: '/a%2Fb', expect: '400' },
  { rule: 'a slash in the query is not refused', scheme: 'http', host: 'paths.example.com', path: '/exact?next=%2Fadmin', expect: b('exact') },
];

/** A row's redirect as sent by a proxy whose HTTPS port is `httpsPort`. */
export function redirectFor(expect: string, httpsPort: number): string {
  if (!expect.startsWith('308 ') || httpsPort === 443) return expect;
  return expect.replace(/^308 https:\/\/([^/]+)/, (_, host: string) => `308 https://${host}:${httpsPort}`);
}
