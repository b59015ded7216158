// The injection bug of issue 12, on the real engines and serve: with affinity: cookie a
// rule path reached nginx's Set-Cookie through a map value, where nginx expands variables.
// Each path below is legal in a URL and stays routable; its answer must carry no cookie
// attribute, header or expanded variable it did not ask for.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ingress, modelOf } from '../helpers.js';
import { testNeeding } from '../needs.js';
import { answerProblems, available, PROBE_HEADER, PROBE_HOST, PROBE_VALUE, RUNTIME_TARGETS, startRuntime } from './runtime.js';

const t = suite('injection at run time: affinity cookie Path from a rule path');

const yaml = ingress('sticky', PROBE_HOST, [
  ['/x;Domain=evil.example', 'Prefix', 'app'],
  ['/y$host', 'Prefix', 'app'],
  ['/z$uri', 'Prefix', 'app'],
  ['/w$http_x_probe', 'Prefix', 'app'],
], { annotations: { 'nginx.ingress.kubernetes.io/affinity': 'cookie' } });

const requests = [
  { path: '/x;Domain=evil.example', why: 'a cookie attribute from ";Domain="' },
  { path: '/y$host', why: '$host expanded' },
  { path: '/z$uri/%0d%0aX-Injected:%201', why: 'response splitting through $uri' },
  { path: '/w$http_x_probe', why: 'a request header expanded' },
];

for (const target of RUNTIME_TARGETS) {
  testNeeding(t, target, available(target), `${target}: ${requests.map((r) => r.why).join(', ')}: none happens, and every path still routes`, async () => {
    const model = modelOf(yaml);
    assert.is(model.hosts[0]?.routes.length, 4, 'every path is a route');
    const run = await startRuntime(target, model);
    try {
      const problems: string[] = [];
      for (const r of requests) {
        const a = await run.send('http', PROBE_HOST, r.path, { [PROBE_HEADER]: PROBE_VALUE });
        if (a.status !== 200 || !a.echo) problems.push(`${r.path}: ${a.status}, not routed to its backend`);
        if (!a.headers.some(([n]) => n === 'set-cookie')) problems.push(`${r.path}: no affinity cookie`);
        problems.push(...answerProblems(a).map((p) => `${r.path} (${r.why}): ${p}`));
      }
      assert.equal(problems, [], problems.join('\n'));
    } finally {
      await run.close();
    }
  });
}

t.run();
