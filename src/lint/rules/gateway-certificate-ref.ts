import { field } from '../../model/objects.js';
import { gatewayObjectsOf } from '../gateway.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'gateway-certificate-ref',
    severity: 'warning',
    category: 'cross-object',
    description: 'A Gateway listener certificateRef names a Secret that is not in the input (reported when any Secret is given), or one that is not a kubernetes.io/tls Secret.',
    details:
      'An HTTPS listener (TLS mode Terminate) serves the certificates of its certificateRefs, core Secrets of type kubernetes.io/tls with tls.crt and tls.key. Without them the listener is not programmed (ResolvedRefs: False, InvalidCertificateRef). A missing Secret is a warning, and only reported when the input holds some Secret: TLS Secrets are often created outside the manifests under review. References to other kinds are named by gateway-kind-unsupported.',
    bad: `tls:
  certificateRefs:
    - name: shop-tls   # not in the input`,
    good: `# pass the kubernetes.io/tls Secret shop-tls too, or fix the name`,
  },
  check(ctx) {
    const secretsGiven = ctx.objects.secrets.size > 0;
    for (const gw of gatewayObjectsOf(ctx).gateways.values()) {
      for (const l of gw.listeners) {
        for (const ref of l.certificateRefs) {
          if (ref.group !== '' || ref.kind !== 'Secret') continue;
          const secret = ctx.objects.secrets.get(`${ref.namespace}/${ref.name}`);
          if (!secret) {
            if (!secretsGiven) continue;
            ctx.report(gw.doc, { path: [...ref.path, 'name'], message: `Secret ${ref.namespace}/${ref.name} is not in the input (listener "${l.name}")`, hint: 'Pass the kubernetes.io/tls Secret too, or fix the name; a certificateRef without namespace means the Gateway\'s own namespace.' });
            continue;
          }
          const type = field(secret.obj, 'type');
          if (type !== 'kubernetes.io/tls') {
            ctx.report(gw.doc, { path: [...ref.path, 'name'], message: `Secret ${ref.namespace}/${ref.name} is of type ${typeof type === 'string' ? type : 'Opaque'}, not kubernetes.io/tls (listener "${l.name}")`, hint: 'A listener certificate is a Secret of type kubernetes.io/tls with tls.crt and tls.key.' });
          }
        }
      }
    }
  },
};
