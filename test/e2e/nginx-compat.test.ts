// --compat ingress-nginx on real nginx: plain string prefixes and a host turned regex route
// every request where the model says.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Matcher } from '../../src/model/match.js';
import { ingress, modelOf } from '../helpers.js';
import { nginxTest, send, standUp } from './nginx-engine.js';

const it = nginxTest();
const yaml =
  ingress('s', 'string.test', [['/foo', 'ImplementationSpecific', 'foo'], ['/foo/bar', 'Prefix', 'bar'], ['/dir/', 'ImplementationSpecific', 'dir'], ['/x', 'Exact', 'x']]) +
  ingress('plain', 'rx.test', [['/exact', 'Exact', 'exact'], ['/p.x', 'Prefix', 'dot']]) +
  ingress('rx', 'rx.test', [['/api/v[0-9]+', 'ImplementationSpecific', 'api']], { annotations: { 'nginx.ingress.kubernetes.io/use-regex': 'true' } });

it('--compat ingress-nginx: nginx routes as the model does', async () => {
  const model = modelOf(yaml, { compat: 'ingress-nginx' });
  const stand = await standUp({ yaml }, model, ['--compat', 'ingress-nginx']);
  try {
    const matcher = new Matcher(model);
    const requests: [string, string][] = [
      ['string.test', '/foo'], ['string.test', '/foobar'], ['string.test', '/foo/bar/baz'], ['string.test', '/foo/barx'], ['string.test', '/FOO'],
      ['string.test', '/dir'], ['string.test', '/dir/a'], ['string.test', '/x'], ['string.test', '/xy'],
      ['rx.test', '/EXACT/more'], ['rx.test', '/pAx'], ['rx.test', '/api/v2'], ['rx.test', '/API/V10/x'], ['rx.test', '/other'],
    ];
    for (const [host, path] of requests) {
      const d = matcher.match({ scheme: 'http', host, target: path });
      const want = d.status === 200 ? `default/${d.backend.service}:80` : String(d.status);
      const r = await send('http', stand.httpPort, host, path);
      const got = r.status === 200 ? JSON.parse(r.body).backend : String(r.status);
      assert.is(got, want, `${host}${path}`);
    }
  } finally {
    await stand.stop();
  }
});

it.run();
