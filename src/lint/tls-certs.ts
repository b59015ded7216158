// The certificates the TLS sections of the linted Ingresses point at, parsed once per Secret.
// node:crypto loaded when lint first reads a certificate, not at every start-up
// eslint-disable-next-line @typescript-eslint/no-require-imports
const crypto = (): typeof import('node:crypto') => require('node:crypto');
import type { Document } from '../load/document.js';
import { key } from '../model/objects.js';
import { certificateInfo, secretValue } from '../model/tls.js';
import type { IngressShape, IngressTls } from '../model/ingress-shape.js';
import type { CertificateInfo } from '../model/types.js';
import type { RuleContext } from './types.js';

export interface TlsUse {
  ingress: IngressShape;
  tls: IngressTls;
  secret: Document;
  /** undefined when the Secret holds no parseable certificate (tls-secret-invalid says so) */
  cert?: CertificateInfo;
  certPath: (string | number)[];
}

const cache = new WeakMap<RuleContext['load'], TlsUse[]>();

export function tlsUses(ctx: RuleContext): TlsUse[] {
  const cached = cache.get(ctx.load);
  if (cached) return cached;
  const parsed = new Map<Document, { cert?: CertificateInfo; path: (string | number)[] }>();
  const out: TlsUse[] = [];
  for (const ingress of ctx.ingresses) {
    for (const tls of ingress.tls) {
      if (!tls.secretName) continue;
      const secret = ctx.objects.secrets.get(key(ingress.doc.namespace, tls.secretName));
      if (!secret) continue;
      let p = parsed.get(secret);
      if (!p) {
        const crt = secretValue(secret, 'tls.crt');
        let cert: CertificateInfo | undefined;
        try {
          if (crt.value !== undefined) cert = certificateInfo(new (crypto().X509Certificate)(crt.value));
        } catch {
          cert = undefined;
        }
        p = { cert, path: crt.path };
        parsed.set(secret, p);
      }
      out.push({ ingress, tls, secret, cert: p.cert, certPath: p.path });
    }
  }
  cache.set(ctx.load, out);
  return out;
}

/** One use per Secret that holds a parseable certificate (expiry is a property of the Secret). */
export function certificateSecrets(ctx: RuleContext): (TlsUse & { cert: CertificateInfo })[] {
  const seen = new Set<Document>();
  return tlsUses(ctx).filter((u): u is TlsUse & { cert: CertificateInfo } => !!u.cert && !seen.has(u.secret) && !!seen.add(u.secret));
}
