// traefik.yml, the static configuration: the two entry points on --http-port / --https-port
// (and --listen-address), the file provider watching dynamic/, and nothing else: no
// dashboard or API, no version check, no anonymous usage statistics.
import { isIP } from 'node:net';
import type { FindingSink } from './findings.js';

export function staticConfig(options: { httpPort: number; httpsPort: number; listenAddress?: string }, sink: FindingSink): object {
  let host = '';
  if (options.listenAddress !== undefined) {
    const a = options.listenAddress === 'localhost' ? '127.0.0.1' : options.listenAddress;
    if (isIP(a) === 4) host = a;
    else if (isIP(a) === 6) host = `[${a}]`;
    else {
      sink.add('target-unsupported', 'error', `--listen-address ${JSON.stringify(options.listenAddress)} is not an IP address; 127.0.0.1 is used`, undefined, 'Give an IPv4 or IPv6 address.');
      host = '127.0.0.1';
    }
  }
  return {
    global: { checkNewVersion: false, sendAnonymousUsage: false },
    entryPoints: {
      web: { address: `${host}:${options.httpPort}` },
      websecure: { address: `${host}:${options.httpsPort}` },
    },
    // relative to the working directory: run from the bundle folder
    providers: { file: { directory: 'dynamic', watch: true } },
    log: { level: 'ERROR' },
  };
}
