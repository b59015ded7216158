// The bench upstream when nginx is not installed: answers every request 200 "ok".
// node bench/upstream.mjs <port>
import { createServer } from 'node:http';

const server = createServer({ keepAliveTimeout: 60_000 }, (req, res) => {
  req.resume();
  res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 3 });
  res.end('ok\n');
});
server.listen(Number(process.argv[2]), '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
