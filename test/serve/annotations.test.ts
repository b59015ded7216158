// The annotation set through serve over loopback (the checks are shared with real nginx).
import { suite } from 'uvu';
import { resolve } from '../../src/model/resolve.js';
import { parseText } from '../../src/load/parse.js';
import type { LocalProxy } from '../../src/serve/server.js';
import { annotationChecks, annotationInput, slowServer, type Echoed, type Reply, type Stand } from '../e2e/annotation-cases.js';
import { startProxy } from './helpers.js';

const it = suite<{ stand?: Stand }>('serve: annotations');
let proxy: LocalProxy | undefined;
let slow: Awaited<ReturnType<typeof slowServer>> | undefined;

it.before(async (ctx) => {
  slow = await slowServer();
  const docs = parseText('annotations.yaml', annotationInput([8001, 8002])).documents;
  for (const d of docs) d.namespace = 'default';
  // the slow backend is a real server; every other backend is serve's echo
  const model = resolve(docs, { upstreams: new Map([['default/slow', { host: '127.0.0.1', port: slow.port }]]) });
  proxy = await startProxy(model);
  ctx.stand = { port: proxy.httpPort, echo };
});

it.after(async () => {
  await proxy?.stop(500);
  await slow?.close();
});

function echo(r: Reply): Echoed {
  const j = JSON.parse(r.body);
  return { backend: `${j.namespace}/${j.service}:${j.port}`, target: j.path + (j.query ? `?${j.query}` : ''), headers: j.headers, ...(j.endpoint ? { endpoint: j.endpoint } : {}) };
}

annotationChecks((name, fn) => it(name, async (ctx) => { const t = Date.now(); await fn(ctx.stand!); if (process.env.TIMING) console.log(name, Date.now() - t); }), () => slow!);

it.run();
