import { dump } from 'js-yaml';
import { API_VERSIONS, servedBy, show, v1Spec } from '../k8s/api-versions.js';
import { apiVersionText, isKubernetesApiVersion } from '../../model/ingress-shape.js';
import type { Rule } from '../types.js';
import { STAGE_RULES } from '../../findings/registry.js';

export const rule: Rule = {
  meta: {
    id: 'removed-api',
    severity: STAGE_RULES['removed-api'],
    category: 'api-server',
    description: 'The apiVersion of an Ingress or IngressClass is not served by the target Kubernetes release (--kubernetes-version, default the latest).',
    details: 'extensions/v1beta1 and networking.k8s.io/v1beta1 Ingress, and networking.k8s.io/v1beta1 IngressClass, are no longer served since Kubernetes 1.22. The hint shows the object\'s spec in networking.k8s.io/v1 form: spec.backend becomes spec.defaultBackend, serviceName/servicePort become service.name and service.port.number (or .name), and every path gets a pathType (v1beta1 defaulted it to ImplementationSpecific). networking.k8s.io/v1 itself is served from 1.19 on. An Ingress or IngressClass of a version no release serves (networking.k8s.io/v2, v1, none) is an error too, and the route model leaves such an Ingress out; a custom resource named Ingress (a group with a dot, such as voyager.appscode.com) is another API and is not checked.',
    bad: `apiVersion: extensions/v1beta1
kind: Ingress
spec:
  backend:
    serviceName: web
    servicePort: 80`,
    good: `apiVersion: networking.k8s.io/v1
kind: Ingress
spec:
  defaultBackend:
    service:
      name: web
      port:
        number: 80`,
  },
  check(ctx) {
    const version = ctx.options.kubernetesVersion;
    for (const doc of ctx.documents) {
      const range = API_VERSIONS[`${doc.apiVersion} ${doc.kind}`];
      if (!range && (doc.kind === 'Ingress' || doc.kind === 'IngressClass') && isKubernetesApiVersion(doc.apiVersion)) {
        ctx.report(doc, { path: ['apiVersion'], message: `${doc.kind} with ${apiVersionText(doc.apiVersion)}: no Kubernetes release serves it; the API server refuses it`, hint: 'Use apiVersion: networking.k8s.io/v1.' });
        continue;
      }
      if (!range || servedBy(range, version)) continue;
      if (range.until) {
        const form = dump({ apiVersion: 'networking.k8s.io/v1', kind: doc.kind, spec: v1Spec(doc.kind, doc.obj.spec) }, { flowLevel: 0 }).trim();
        ctx.report(doc, { path: ['apiVersion'], message: `${doc.apiVersion} ${doc.kind} is not served since Kubernetes 1.22 (checking against ${show(version)}); use networking.k8s.io/v1`, hint: `v1 form: ${form}` });
      } else {
        ctx.report(doc, { path: ['apiVersion'], message: `${doc.apiVersion} ${doc.kind} is served from Kubernetes ${show(range.since)} on, not by ${show(version)}`, hint: 'Check --kubernetes-version, or use the apiVersion that release serves.' });
      }
    }
  },
};
