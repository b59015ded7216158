// The injection bug of issue 12, on the real engines and serve: with affinity: cookie a
// rule path reached nginx's Set-Cookie through a map value, where nginx expands variables.
// Each path below is legal in a URL and stays routable; its answer must carry no cookie
// attribute, header or expanded variable it did not ask for.
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { ingress, modelOf } from '../helpers.js';
import { fixedRedirect } from '../../src/model/redirect.js';
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

/** Values no validator lets through, put straight into the model: every target must still write them as text. */
const BYPASS = `$http_x_probe\${http_x_probe}%[req.hdr(${PROBE_HEADER})]%REQ(${PROBE_HEADER})%`;

for (const target of RUNTIME_TARGETS) {
  testNeeding(t, target, available(target), `${target}: values that bypass the model's validators are written as text or refused, never expanded`, async () => {
    const A = 'nginx.ingress.kubernetes.io/';
    const model = modelOf(
      ingress('b1', `b1.${PROBE_HOST}`, [['/b', 'Prefix', 'app']], { annotations: { [A + 'affinity']: 'cookie' } }) +
        ingress('b2', `b2.${PROBE_HOST}`, [['/b', 'Prefix', 'app']], { annotations: { [A + 'x-forwarded-prefix']: '/p' } }) +
        ingress('b3', `b3.${PROBE_HOST}`, [['/b', 'Prefix', 'app']], { annotations: { [A + 'permanent-redirect']: 'https://r.example/' } }) +
        ingress('b4', `b4.${PROBE_HOST}`, [['/b', 'Prefix', 'app']], { annotations: { [A + 'upstream-vhost']: 'in.example', [A + 'x-forwarded-prefix']: '/p' } }),
    );
    const [b1, b2, b3, b4] = ['b1', 'b2', 'b3', 'b4'].map((h) => model.hosts.find((v) => v.host === `${h}.${PROBE_HOST}`)!.routes[0]);
    b1.cookiePath = `/b${BYPASS}`;
    b2.policy = { ...b2.policy, forwardedPrefix: `/p${BYPASS}` };
    b3.filters = { redirect: fixedRedirect(`https://r.example/${BYPASS}`, 301, 'permanent-redirect') };
    // line breaks: the header would end, and the rest become a header of its own
    b4.policy = { ...b4.policy, upstreamHost: 'in.example\r\nX-Injected: 1', forwardedPrefix: '/p\r\nX-Injected: 2' };
    const run = await startRuntime(target, model);
    const problems: string[] = [];
    try {
      for (const h of ['b1', 'b2', 'b3', 'b4']) {
        const a = await run.send('http', `${h}.${PROBE_HOST}`, '/b', { [PROBE_HEADER]: PROBE_VALUE });
        problems.push(...answerProblems(a).map((p) => `${h}: ${p}`));
        const refused = run.findings.some((f) => f.severity === 'error');
        if (a.status >= 500 && !refused && target !== 'serve') problems.push(`${h}: ${a.status} without an error finding`);
        // refused header values are not sent: the request still reaches its backend, with the client's Host
        if (h === 'b4' && (a.status !== 200 || a.echo?.host !== `b4.${PROBE_HOST}` || a.echo?.headers['x-forwarded-prefix'] !== undefined)) problems.push(`b4: ${a.status}, upstream Host ${JSON.stringify(a.echo?.host)}, X-Forwarded-Prefix ${JSON.stringify(a.echo?.headers['x-forwarded-prefix'])}`);
      }
    } finally {
      await run.close();
    }
    assert.equal(problems, [], problems.join('\n'));
  });
}

t.run();
