// The annotation set through real nginx over loopback: the checks serve passes
// (test/e2e/annotation-cases.ts), on the configuration `render` writes.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { suite } from 'uvu';
import { cli } from '../helpers.js';
import { annotationChecks, annotationInput, ECHO_BACKENDS, slowServer, type Echoed, type Reply, type Stand } from './annotation-cases.js';
import { startEchoServers, type EchoServers } from './echo-servers.js';
import { NGINX, nginxTest, removeScratch, scratch, startNginxOnFreePorts, type Running } from './nginx-engine.js';

// skipped without nginx, failed when INGRESSCTL_REQUIRE_ENGINES=1 (test/needs.ts)
const it = nginxTest(suite<{ stand?: Stand }>('nginx: annotations'));
let dir: string | undefined;
let echo: EchoServers | undefined;
let sticky: EchoServers | undefined;
let slow: Awaited<ReturnType<typeof slowServer>> | undefined;
let nginx: Running | undefined;

it.before(async (ctx) => {
  if (!NGINX) return;
  dir = scratch();
  echo = await startEchoServers(ECHO_BACKENDS);
  sticky = await startEchoServers(['default/sticky:80#a', 'default/sticky:80#b']);
  slow = await slowServer();
  const stickyPorts = [sticky.ports.get('default/sticky:80#a')!, sticky.ports.get('default/sticky:80#b')!] as [number, number];
  const input = join(dir, 'annotations.yaml');
  writeFileSync(input, annotationInput(stickyPorts));
  const upstreams = [...echo.ports].flatMap(([b, port]) => ['--upstream', `${b}=127.0.0.1:${port}`]);
  const bundle = join(dir, 'bundle');
  const started = await startNginxOnFreePorts(2, bundle, async ([httpPort, httpsPort]) => {
    const r = await cli(['render', input, ...upstreams, '--upstream', `default/slow:80=127.0.0.1:${slow!.port}`, '--http-port', String(httpPort), '--https-port', String(httpsPort), '--listen-address', '127.0.0.1', '-o', bundle]);
    // the input names Services it does not include (error findings); the bundle is still written
    if (!/^wrote /m.test(r.stderr)) throw new Error(`render failed (${r.code}): ${r.stderr}`);
  });
  nginx = started.nginx;
  ctx.stand = { port: started.ports[0], echo: echoed };
});

it.after(async () => {
  await nginx?.stop();
  await echo?.close();
  await sticky?.close();
  await slow?.close();
  if (dir) removeScratch(dir);
});

function echoed(r: Reply): Echoed {
  const j = JSON.parse(r.body);
  const [backend, endpoint] = String(j.backend).split('#');
  return { backend, target: j.path, headers: j.headers, ...(endpoint ? { endpoint } : {}) };
}

annotationChecks((name, fn) => it(name, (ctx) => fn(ctx.stand!)), () => slow!);

it.run();
