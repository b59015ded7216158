// TLS for serve: one secure context per usable TLS Secret, chosen by SNI through the same
// virtual-host lookup the router uses; everything else gets a self-signed default.
import { createSecureContext, type SecureContext } from 'node:tls';
import type { Matcher } from '../model/match.js';
import type { TlsConfig } from '../model/types.js';

export interface KeyPair {
  cert: string;
  key: string;
}

/** A self-signed certificate made at start for hosts without a usable Secret and clients without SNI. */
export async function generateDefaultCertificate(): Promise<KeyPair> {
  const notBeforeDate = new Date(Date.now() - 60_000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 365 * 24 * 3600 * 1000);
  // loaded on demand: the certificate library is large and only serve needs it
  const { generate } = require('selfsigned') as typeof import('selfsigned');
  const pems = await generate([{ name: 'commonName', value: 'ingressctl default certificate' }], {
    // RSA: with an ECDSA default, OpenSSL keeps serving it after SNI switches to an RSA Secret
    keyType: 'rsa',
    keySize: 2048,
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: [{ type: 2, value: 'ingressctl.invalid' }] },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** The certificates of one model: built at each swap, so certificates change together with routes. */
export class CertificateStore {
  private readonly byHost = new Map<string, SecureContext>();
  /** how many distinct Secrets are served */
  readonly secrets: number;

  constructor(
    private readonly matcher: Matcher,
    readonly fallback: SecureContext,
  ) {
    const bySecret = new Map<string, SecureContext>();
    for (const v of matcher.model.hosts) {
      const ctx = v.tls && contextOf(v.tls, bySecret);
      if (ctx) this.byHost.set(v.host, ctx);
    }
    this.secrets = bySecret.size;
  }

  /** The context for an SNI server name: its virtual host's certificate, else the default one. */
  contextFor(servername: string): SecureContext {
    const vhost = this.matcher.virtualHost(servername.toLowerCase().replace(/\.$/, ''));
    return (vhost && this.byHost.get(vhost.host)) ?? this.fallback;
  }
}

function contextOf(tls: TlsConfig, cache: Map<string, SecureContext>): SecureContext | undefined {
  if (!tls.usable || !tls.certPem || !tls.keyPem) return undefined;
  const id = `${tls.secretNamespace}/${tls.secretName}`;
  let ctx = cache.get(id);
  if (!ctx) {
    ctx = createSecureContext({ cert: tls.certPem, key: tls.keyPem });
    cache.set(id, ctx);
  }
  return ctx;
}

export function secureContextOf(pair: KeyPair): SecureContext {
  return createSecureContext({ cert: pair.cert, key: pair.key });
}
