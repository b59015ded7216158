// TLS for the HTTPS listener: one filter chain per Secret, chosen by SNI among the hosts
// that use it, and a default chain for every other name (and for clients without SNI).
import { certBaseName } from '../cert-names.js';
import { lazyFile, type EmittedFile } from '../types.js';
import type { RouteModel, TlsConfig } from '../../model/types.js';
import type { FindingSink } from './findings.js';
import { selfSignedCertificate } from '../self-signed.js';

export const FALLBACK_NAME = 'ingressctl fallback certificate';
const fallbackCertificate = () => selfSignedCertificate(FALLBACK_NAME, ['ingress.local']);
import { isDnsLabel, isDnsSubdomain, isWildcardHost } from '../../model/validate-values.js';
import type { TransportSocket } from './types.js';

/** A Secret's namespace and name become file names: DNS-1123 subdomains only. */

export interface CertChain {
  /** SNI names served with this certificate; empty for the default chain */
  serverNames: string[];
  transportSocket: TransportSocket;
}

export interface TlsPlan {
  chains: CertChain[];
  defaultChain: CertChain;
  files: EmittedFile[];
}

/** Undefined when no host has TLS (then there is no HTTPS listener). */
export function planTls(model: RouteModel, sink: FindingSink, makeFallback: () => { certPem: string; keyPem: string } = fallbackCertificate): TlsPlan | undefined {
  const tlsHosts = model.hosts.filter((v) => v.tls && (isDnsSubdomain(v.host) || isWildcardHost(v.host)));
  if (!tlsHosts.length) return undefined;
  const groups = new Map<string, { tls: TlsConfig; hosts: string[] }>();
  let needFallback = false;
  for (const v of tlsHosts) {
    const tls = v.tls!;
    if (!tls.usable || !tls.certPem || !tls.keyPem) {
      needFallback = true; // the model has reported why
      continue;
    }
    if (!isDnsLabel(tls.secretNamespace) || !isDnsSubdomain(tls.secretName)) {
      sink.add('target-unsafe-value', 'error', `Secret name ${JSON.stringify(`${tls.secretNamespace}/${tls.secretName}`)} cannot name a certificate file; ${v.host} is served the fallback certificate`, tls.origin);
      needFallback = true;
      continue;
    }
    const key = certBaseName(tls.secretNamespace, tls.secretName);
    const g = groups.get(key) ?? { tls, hosts: [] };
    g.hosts.push(v.host);
    groups.set(key, g);
  }
  const files: EmittedFile[] = [];
  const chains: CertChain[] = [];
  let first: string | undefined;
  for (const [base, g] of groups) {
    first ??= base;
    files.push({ path: `certs/${base}.crt`, content: g.tls.certPem! }, { path: `certs/${base}.key`, content: g.tls.keyPem!, mode: 0o600 });
    chains.push({ serverNames: g.hosts, transportSocket: downstreamTls(`certs/${base}`) });
  }
  let defaultChain: CertChain;
  if (needFallback || !chains.length) {
    // a fresh key on each render (see self-signed.ts): the only part of a bundle that is not byte-identical
    // made on first read: `render` to stdout prints no certificate
    let made: { certPem: string; keyPem: string } | undefined;
    const fallback = () => (made ??= makeFallback());
    files.push(lazyFile('certs/fallback.crt', () => fallback().certPem), lazyFile('certs/fallback.key', () => fallback().keyPem, 0o600));
    defaultChain = { serverNames: [], transportSocket: downstreamTls('certs/fallback') };
  } else {
    // every host has its own certificate: other names get the first one, as nginx's first TLS server
    defaultChain = { serverNames: [], transportSocket: downstreamTls(`certs/${first}`) };
  }
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  return { chains, defaultChain, files };
}

function downstreamTls(base: string): TransportSocket {
  return {
    name: 'envoy.transport_sockets.tls',
    typed_config: {
      '@type': 'type.googleapis.com/envoy.extensions.transport_sockets.tls.v3.DownstreamTlsContext',
      common_tls_context: {
        tls_certificates: [{ certificate_chain: { filename: `${base}.crt` }, private_key: { filename: `${base}.key` } }],
        alpn_protocols: ['h2', 'http/1.1'],
      },
    },
  };
}
