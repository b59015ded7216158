// A reference point for the serve bench: the least a Node proxy can do on the same path —
// the same kind of HTTPS listener as serve (HTTP/2 + HTTP/1.1), one keep-alive agent,
// headers passed as they came, no routing, no logging. What serve adds is what it costs.
// node bench/node-proxy.mjs <port> <upstream port> <cert file> <key file>
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createSecureServer } from 'node:http2';

const [port, upstream, cert, key] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true, maxFreeSockets: 64, scheduling: 'lifo' });
const HOP = new Set(['connection', 'keep-alive', 'transfer-encoding']);
const endToEnd = (raw) => {
  const out = [];
  for (let i = 0; i < raw.length; i += 2) if (!HOP.has(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1]);
  return out;
};
const server = createSecureServer({ allowHTTP1: true, cert: readFileSync(cert), key: readFileSync(key) }, (req, res) => {
  const up = request({ host: '127.0.0.1', port: Number(upstream), method: req.method, path: req.url, headers: endToEnd(req.rawHeaders), setHost: false, agent }, (upRes) => {
    res.writeHead(upRes.statusCode, endToEnd(upRes.rawHeaders));
    upRes.pipe(res);
  });
  up.on('error', () => res.destroy());
  if (req.headers['content-length'] || req.headers['transfer-encoding']) req.pipe(up);
  else up.end();
});
server.listen(Number(port), '127.0.0.1');
process.on('SIGTERM', () => process.exit(0));
