// The same hostile annotation values and paths for Envoy, checked structurally: the
// bootstrap passes Envoy's API definitions (proto walker with PGV rules), and the evaluator
// of test/envoy (which fills in %REQ(…)% as Envoy does) shows no added header, cookie
// attribute or expanded value in the answer or in the headers sent upstream.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { evaluate, type EnvoyAnswer } from '../envoy/evaluate.js';
import { rendered, EMIT_DEFAULTS } from '../envoy/routing.js';
import { validateBootstrap } from '../envoy/validate.js';
import { ingress, modelOf } from '../helpers.js';
import { annotationCases, casesModel, caseProblems, fixedValues, KINDS, requestsFor } from './annotation-cases.js';
import { answerProblems, PROBE_HEADER, PROBE_HOST, PROBE_VALUE, type RawAnswer } from './runtime.js';

/** An evaluator answer in the shape the runtime checks read. */
export function asRaw(a: EnvoyAnswer): RawAnswer {
  const headers: [string, string][] = Object.entries(a.headers ?? {});
  if ('location' in a) headers.push(['location', a.location]);
  if ('setCookie' in a && a.setCookie) headers.push(['set-cookie', a.setCookie]);
  const echo =
    a.status === 200 && 'upstreamHeaders' in a
      ? { namespace: '', service: '', port: null, method: 'GET', host: a.upstreamHost ?? '', path: a.upstreamPath, query: '', headers: { ...a.upstreamHeaders } }
      : undefined;
  return { status: a.status, headers, ...(echo ? { echo } : {}) };
}

test('envoy: hostile values of every annotation copied into a header are refused or written as text', () => {
  const cases = annotationCases(KINDS, fixedValues);
  const model = casesModel(cases);
  const { bootstrap } = rendered(model);
  assert.equal(validateBootstrap(bootstrap), []);
  const problems: string[] = [];
  let evaluated = 0;
  for (const c of cases) {
    for (const [path, headers] of requestsFor(c)) {
      const a = asRaw(evaluate(bootstrap, { scheme: 'http', host: c.host, target: path, headers }, EMIT_DEFAULTS));
      evaluated++;
      // Envoy's evaluator reports the upstream Host only when rewritten
      if (c.kind === 'upstream-vhost' && a.echo && !a.echo.host) continue;
      problems.push(...caseProblems(model, c, a).map((p) => `${c.kind} ${JSON.stringify(c.value)} ${path}: ${p}`));
    }
  }
  assert.ok(evaluated >= cases.length);
  assert.equal(problems, [], problems.join('\n'));
});

test('envoy: rule paths with ";", "=" and "$" route, and the affinity cookie carries no attribute they could add', () => {
  const model = modelOf(ingress('sticky', PROBE_HOST, [['/x;Domain=evil.example', 'Prefix', 'app'], ['/y$host', 'Prefix', 'app'], ['/z%REQ(x-probe)%25', 'Prefix', 'app']], { annotations: { 'nginx.ingress.kubernetes.io/affinity': 'cookie' } }));
  const { bootstrap } = rendered(model);
  assert.equal(validateBootstrap(bootstrap), []);
  for (const path of ['/x;Domain=evil.example', '/y$host']) {
    const a = evaluate(bootstrap, { scheme: 'http', host: PROBE_HOST, target: path, headers: { [PROBE_HEADER]: PROBE_VALUE } }, EMIT_DEFAULTS);
    assert.is(a.status, 200, path);
    assert.equal(answerProblems(asRaw(a)), [], path);
  }
});

test.run();
