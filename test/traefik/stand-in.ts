// A stand-in for the `traefik` binary, made of the test evaluator (test/traefik/evaluate.ts):
// it reads a rendered bundle (traefik.yml, dynamic/routes.yml, the default certificate),
// listens on its entry points and answers each request as the evaluator says, forwarding to
// the first server of the chosen service. It proves the plumbing of `test --engine traefik`
// (start, readiness, ports, redirects, the echo backends), never Traefik's own behaviour.
// Run as: node --import tsx test/traefik/stand-in.ts --configFile=traefik.yml (in the bundle).
import { readFileSync } from 'node:fs';
import { createServer as createHttp, request, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import { parse } from 'yaml';
import { evaluate } from './evaluate.js';

const config = parse(readFileSync(process.argv.find((a) => a.startsWith('--configFile='))!.slice('--configFile='.length), 'utf8'));
const dynamic = parse(readFileSync(`${config.providers.file.directory}/routes.yml`, 'utf8'));
const portOf = (address: string) => Number(address.slice(address.lastIndexOf(':') + 1));

function handle(scheme: 'http' | 'https') {
  return (req: IncomingMessage, res: ServerResponse) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const a = evaluate(dynamic, { scheme, host: req.headers.host ?? '', target: req.url ?? '/', method: req.method ?? 'GET', headers, clientIp: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '' });
    if (a.status !== 200 || !('service' in a)) {
      res.writeHead(a.status, 'location' in a && a.location ? { location: a.location } : {});
      return void res.end();
    }
    const url = new URL(dynamic.http.services[a.service].loadBalancer.servers[0].url);
    const q = (req.url ?? '').indexOf('?');
    const up = request(
      { host: url.hostname, port: url.port, method: req.method, path: a.upstreamPath + (q === -1 ? '' : (req.url ?? '').slice(q)), headers: { ...req.headers, ...a.upstreamHeaders, host: a.upstreamHost ?? req.headers.host } },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => (res.writeHead(502), res.end()));
    req.pipe(up);
  };
}

const cert = dynamic.tls.stores.default.defaultCertificate;
createHttp(handle('http')).listen(portOf(config.entryPoints.web.address), '127.0.0.1');
createHttps({ cert: readFileSync(cert.certFile), key: readFileSync(cert.keyFile) }, handle('https')).listen(portOf(config.entryPoints.websecure.address), '127.0.0.1');
