import { API_VERSIONS, cmp, servedBy, show } from '../k8s/api-versions.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'deprecated-api',
    severity: 'warning',
    category: 'api-server',
    description: 'The apiVersion is still served by the target Kubernetes release but deprecated (the API server warns).',
    details: 'Only reported with --kubernetes-version 1.21 or older, where the v1beta1 Ingress and IngressClass versions are still served. Move to networking.k8s.io/v1 before upgrading to 1.22.',
    bad: `# ingressctl lint --kubernetes-version 1.20
apiVersion: networking.k8s.io/v1beta1
kind: Ingress`,
    good: `apiVersion: networking.k8s.io/v1
kind: Ingress`,
  },
  check(ctx) {
    const version = ctx.options.kubernetesVersion;
    for (const doc of ctx.documents) {
      const range = API_VERSIONS[`${doc.apiVersion} ${doc.kind}`];
      if (!range?.deprecatedSince || !servedBy(range, version) || cmp(version, range.deprecatedSince) < 0) continue;
      ctx.report(doc, { path: ['apiVersion'], message: `${doc.apiVersion} ${doc.kind} is deprecated since Kubernetes ${show(range.deprecatedSince)} and not served from 1.22 on; use networking.k8s.io/v1`, hint: 'See removed-api for the v1 form.' });
    }
  },
};
