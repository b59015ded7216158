import type { Document } from '../../load/document.js';
import { arr, field } from '../../model/objects.js';
import { apiError, nameErrors } from '../k8s/field-error.js';
import { dns1123Subdomain, isIPAddress } from '../k8s/names.js';
import { serviceWithDefaults } from '../k8s/defaults.js';
import { docsOf, isRecord } from '../helpers.js';
import type { Rule, RuleContext } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'service-spec',
    severity: 'error',
    category: 'api-server',
    description: 'Service type-dependent fields: clusterIP(s), externalName, externalIPs, session affinity, load-balancer and traffic-policy fields where the type allows them.',
    details: 'Checked after the API server\'s defaults (type ClusterIP, sessionAffinity None, externalTrafficPolicy Cluster for external Services). LoadBalancer and NodePort Services cannot be headless; ExternalName needs externalName (a DNS name) and no cluster IPs or IP families; externalIPs must be ordinary unicast addresses; loadBalancerSourceRanges and allocateLoadBalancerNodePorts are for LoadBalancer only; externalTrafficPolicy only for externally reachable Services; healthCheckNodePort only with LoadBalancer and externalTrafficPolicy Local.',
    bad: `spec:
  type: NodePort
  clusterIP: None`,
    good: `spec:
  type: NodePort`,
  },
  check(ctx) {
    for (const doc of docsOf(ctx, 'v1', 'Service')) checkService(ctx, doc);
  },
};

function checkService(ctx: RuleContext, doc: Document): void {
  const raw = field(doc.obj, 'spec');
  if (!isRecord(raw)) return;
  const spec = serviceWithDefaults(doc.obj).spec;
  const type = spec.type;
  const clusterIPs = Array.isArray(raw.clusterIPs) ? raw.clusterIPs : typeof raw.clusterIP === 'string' && raw.clusterIP !== '' ? [raw.clusterIP] : [];
  if (typeof raw.clusterIP === 'string' && raw.clusterIP !== '' && Array.isArray(raw.clusterIPs) && raw.clusterIPs.length && raw.clusterIPs[0] !== raw.clusterIP) {
    apiError(ctx, doc, ['spec', 'clusterIPs'], 'Invalid value', { value: raw.clusterIPs, detail: 'first value must match `clusterIP`' });
  }
  if (type === 'ExternalName') {
    if (clusterIPs.length) apiError(ctx, doc, ['spec', 'clusterIPs'], 'Forbidden', { detail: 'may not be set for ExternalName services', at: Array.isArray(raw.clusterIPs) ? ['spec', 'clusterIPs'] : ['spec', 'clusterIP'] });
    for (const k of ['ipFamilies', 'ipFamilyPolicy']) if (raw[k] !== undefined) apiError(ctx, doc, ['spec', k], 'Forbidden', { detail: 'may not be set for ExternalName services' });
    const ext = raw.externalName;
    if (ext === undefined || ext === '') apiError(ctx, doc, ['spec', 'externalName'], 'Required value', { at: ext === undefined ? ['spec'] : ['spec', 'externalName'] });
    else if (typeof ext === 'string') nameErrors(ctx, doc, ['spec', 'externalName'], ext, dns1123Subdomain(ext.endsWith('.') ? ext.slice(0, -1) : ext));
  } else {
    clusterIPs.forEach((ip, i) => {
      if (typeof ip !== 'string') return;
      const path = ['spec', 'clusterIPs', i];
      const at = Array.isArray(raw.clusterIPs) ? path : ['spec', 'clusterIP'];
      if (ip === 'None') {
        if (type === 'LoadBalancer' || type === 'NodePort') apiError(ctx, doc, path, 'Invalid value', { value: ip, detail: `may not be set to 'None' for ${type} services`, at });
        else if (clusterIPs.length > 1) apiError(ctx, doc, path, 'Invalid value', { value: ip, detail: "'None' must be the only value", at });
      } else if (!isIPAddress(ip)) apiError(ctx, doc, path, 'Invalid value', { value: ip, detail: 'must be a valid IP address', at });
    });
    if (clusterIPs.length > 2) apiError(ctx, doc, ['spec', 'clusterIPs'], 'Invalid value', { value: clusterIPs, detail: 'may hold at most two addresses (one per IP family)' });
  }
  arr(raw.externalIPs).forEach((ip, i) => {
    if (typeof ip !== 'string') return;
    if (!isIPAddress(ip)) apiError(ctx, doc, ['spec', 'externalIPs', i], 'Invalid value', { value: ip, detail: 'must be a valid IP address' });
    else if (/^(127\.|0\.0\.0\.0$|169\.254\.|2(2[4-9]|3\d)\.)/.test(ip) || /^(::1?|fe[89ab][0-9a-f]:.*|ff[0-9a-f]{2}:.*)$/i.test(ip)) apiError(ctx, doc, ['spec', 'externalIPs', i], 'Invalid value', { value: ip, detail: 'may not be a loopback, unspecified, link-local or multicast address' });
  });
  if (spec.sessionAffinity === 'None' && raw.sessionAffinityConfig !== undefined) {
    apiError(ctx, doc, ['spec', 'sessionAffinityConfig'], 'Forbidden', { detail: "must not be set when `sessionAffinity` is 'None'" });
  }
  const timeout = field(raw, 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds');
  if (spec.sessionAffinity === 'ClientIP' && typeof timeout === 'number' && (timeout < 1 || timeout > 86400)) {
    apiError(ctx, doc, ['spec', 'sessionAffinityConfig', 'clientIP', 'timeoutSeconds'], 'Invalid value', { value: timeout, detail: 'must be greater than 0 and less than or equal to 86400' });
  }
  if (type !== 'LoadBalancer') {
    if (Array.isArray(raw.loadBalancerSourceRanges) && raw.loadBalancerSourceRanges.length) apiError(ctx, doc, ['spec', 'loadBalancerSourceRanges'], 'Forbidden', { detail: 'may only be used when `type` is \'LoadBalancer\'' });
    if (raw.allocateLoadBalancerNodePorts !== undefined) apiError(ctx, doc, ['spec', 'allocateLoadBalancerNodePorts'], 'Forbidden', { detail: 'may only be used when `type` is \'LoadBalancer\'' });
  } else {
    arr(raw.loadBalancerSourceRanges).forEach((r, i) => {
      if (typeof r === 'string' && !isCidr(r.trim())) apiError(ctx, doc, ['spec', 'loadBalancerSourceRanges', i], 'Invalid value', { value: r, detail: 'must be a list of IP ranges in CIDR notation, e.g. 10.0.0.0/8' });
    });
  }
  const external = type === 'LoadBalancer' || type === 'NodePort' || (type === 'ClusterIP' && arr(raw.externalIPs).length > 0);
  if (!external && raw.externalTrafficPolicy !== undefined) apiError(ctx, doc, ['spec', 'externalTrafficPolicy'], 'Invalid value', { value: raw.externalTrafficPolicy, detail: 'may only be set for externally-accessible services' });
  if (typeof raw.healthCheckNodePort === 'number' && raw.healthCheckNodePort !== 0 && !(type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) {
    apiError(ctx, doc, ['spec', 'healthCheckNodePort'], 'Invalid value', { value: raw.healthCheckNodePort, detail: 'may only be set when `type` is \'LoadBalancer\' and `externalTrafficPolicy` is \'Local\'' });
  }
}

function isCidr(v: string): boolean {
  const slash = v.lastIndexOf('/');
  if (slash === -1) return false;
  const ip = v.slice(0, slash);
  const bits = v.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bits) || !isIPAddress(ip)) return false;
  return Number(bits) <= (ip.includes(':') ? 128 : 32);
}
