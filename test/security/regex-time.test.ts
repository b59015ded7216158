// Regexes from manifests run by ingressctl itself (serve, explain, test) against text a client
// chooses: a pattern with nested or overlapping repetition must not hold the process
// (JavaScript's backtracking engine takes minutes on these; RE2 is linear).
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Matcher } from '../../src/model/match.js';
import { conditionsHold } from '../../src/gateway/decide.js';
import { ingress, modelOf } from '../helpers.js';

/** Patterns whose backtracking is exponential in the length of a text that nearly matches. */
const SLOW = ['/redos/(a+)+', '/redos/(a|aa)+', '/redos/(a|a)*'];
const text = '/redos/' + 'a'.repeat(40) + '!';
const LIMIT_MS = 1000;

function timed(f: () => unknown): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

test('serve: an Ingress regex path with nested repetition answers a hostile path in linear time', () => {
  for (const pattern of SLOW) {
    const m = new Matcher(modelOf(ingress('redos', 'r.example.com', [[pattern + '$', 'ImplementationSpecific', 'svc']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } })));
    assert.is(m.match({ scheme: 'http', host: 'r.example.com', target: '/redos/aaa' }).status, 200, pattern);
    const ms = timed(() => assert.is.not(m.match({ scheme: 'http', host: 'r.example.com', target: text }).status, 200));
    assert.ok(ms < LIMIT_MS, `${pattern}: ${ms.toFixed(0)} ms`);
  }
});

test('serve: Gateway API RegularExpression header and query values in linear time', () => {
  for (const pattern of SLOW) {
    const c = { headers: [{ type: 'RegularExpression' as const, name: 'x-re', value: pattern }], query: [{ type: 'RegularExpression' as const, name: 'q', value: pattern }] };
    assert.ok(conditionsHold(c, { scheme: 'http', host: 'h', target: '/?q=%2Fredos%2Faa', headers: { 'x-re': '/redos/aaa' } }), pattern);
    const ms = timed(() => assert.not.ok(conditionsHold(c, { scheme: 'http', host: 'h', target: `/?q=${encodeURIComponent(text)}`, headers: { 'x-re': text } })));
    assert.ok(ms < LIMIT_MS, `${pattern}: ${ms.toFixed(0)} ms`);
  }
});

test('serve: canary-by-header-pattern in linear time', () => {
  const A = 'nginx.ingress.kubernetes.io/';
  for (const pattern of SLOW) {
    const yaml = ingress('main', 'c.example.com', [['/', 'Prefix', 'main']]) + ingress('can', 'c.example.com', [['/', 'Prefix', 'canary']], { annotations: { [`${A}canary`]: 'true', [`${A}canary-by-header`]: 'X-Canary', [`${A}canary-by-header-pattern`]: `^${pattern}$` } });
    const m = new Matcher(modelOf(yaml));
    const to = (v: string) => {
      const d = m.match({ scheme: 'http', host: 'c.example.com', target: '/', headers: { 'x-canary': v } });
      return d.status === 200 ? d.canary?.to : undefined;
    };
    assert.is(to('/redos/aa'), 'canary', pattern);
    const ms = timed(() => assert.is(to(text), 'main'));
    assert.ok(ms < LIMIT_MS, `${pattern}: ${ms.toFixed(0)} ms`);
  }
});

test.run();
