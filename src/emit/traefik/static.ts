// traefik.yml, the static configuration: the two entry points on --http-port / --https-port
// (and --listen-address), the file provider watching dynamic/, and nothing else: no
// dashboard or API, no version check, no anonymous usage statistics.
import { isIP } from 'node:net';

/** `listenAddress`: the plan's (checked), undefined for every address. */
export function staticConfig(ports: { httpPort: number; httpsPort: number }, listenAddress: string | undefined): object {
  const host = listenAddress === undefined ? '' : isIP(listenAddress) === 6 ? `[${listenAddress}]` : listenAddress;
  return {
    global: { checkNewVersion: false, sendAnonymousUsage: false },
    entryPoints: {
      web: { address: `${host}:${ports.httpPort}` },
      websecure: { address: `${host}:${ports.httpsPort}` },
    },
    // relative to the working directory: run from the bundle folder
    providers: { file: { directory: 'dynamic', watch: true } },
    log: { level: 'ERROR' },
  };
}
