import { arr, field } from '../../model/objects.js';
import { apiError, nameErrors } from '../k8s/field-error.js';
import { dns1123Label, ianaPortName, portNumber, qualifiedName } from '../k8s/names.js';
import { serviceWithDefaults } from '../k8s/defaults.js';
import { docsOf, isRecord } from '../helpers.js';
import { DEFAULT_NODE_PORT_RANGE, showRange } from '../k8s/node-ports.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'service-ports',
    severity: 'error',
    category: 'api-server',
    description: 'Service ports: required (unless headless or ExternalName), named when there are several, unique, in range, with a valid targetPort.',
    details: 'Checked after the API server\'s defaults (protocol TCP, targetPort = port). Port names are DNS-1123 labels and must be unique; (port, protocol) pairs and (nodePort, protocol) pairs must be unique; port and a numeric targetPort are 1-65535, a named targetPort is an IANA service name; a ClusterIP Service may not set nodePort; a nodePort must lie in the cluster\'s NodePort range (the API server\'s --service-node-port-range, 30000-32767 unless lint is given another with --service-node-port-range or serviceNodePortRange in .ingressctl.yaml).',
    bad: `spec:
  ports:
    - port: 80
    - port: 80
      targetPort: HTTP`,
    good: `spec:
  ports:
    - name: http
      port: 80
    - name: https
      port: 443
      targetPort: https`,
  },
  check(ctx) {
    const range = ctx.options.nodePortRange ?? DEFAULT_NODE_PORT_RANGE;
    for (const doc of docsOf(ctx, 'v1', 'Service')) {
      const spec = serviceWithDefaults(doc.obj).spec;
      const rawPorts = field(doc.obj, 'spec', 'ports');
      const headless = spec.clusterIP === 'None';
      if ((rawPorts === undefined || (Array.isArray(rawPorts) && rawPorts.length === 0)) && !headless && spec.type !== 'ExternalName') {
        apiError(ctx, doc, ['spec', 'ports'], 'Required value', { hint: 'Add the port the Service listens on.', at: field(doc.obj, 'spec') === undefined ? [] : rawPorts === undefined ? ['spec'] : ['spec', 'ports'] });
      }
      const ports = arr(spec.ports);
      const names = new Set<string>();
      const pairs = new Set<string>();
      const nodePairs = new Set<string>();
      ports.forEach((p, i) => {
        if (!isRecord(p)) return;
        const base = ['spec', 'ports', i];
        if (typeof p.name === 'string' && p.name !== '') {
          nameErrors(ctx, doc, [...base, 'name'], p.name, dns1123Label(p.name));
          if (names.has(p.name)) apiError(ctx, doc, [...base, 'name'], 'Duplicate value', { value: p.name });
          names.add(p.name);
        } else if (ports.length > 1) apiError(ctx, doc, [...base, 'name'], 'Required value', { detail: 'ports must be named when a Service has more than one', at: base });
        if (typeof p.port === 'number') for (const e of portNumber(p.port)) apiError(ctx, doc, [...base, 'port'], 'Invalid value', { value: p.port, detail: e });
        const t = p.targetPort;
        if (typeof t === 'number') for (const e of portNumber(t)) apiError(ctx, doc, [...base, 'targetPort'], 'Invalid value', { value: t, detail: e });
        else if (typeof t === 'string') nameErrors(ctx, doc, [...base, 'targetPort'], t, ianaPortName(t), /^\d+$/.test(t) ? 'Write a numeric targetPort without quotes.' : undefined);
        if (typeof p.appProtocol === 'string') nameErrors(ctx, doc, [...base, 'appProtocol'], p.appProtocol, qualifiedName(p.appProtocol));
        const pair = `${p.port}/${p.protocol}`;
        if (typeof p.port === 'number') {
          if (pairs.has(pair)) apiError(ctx, doc, base, 'Duplicate value', { value: { port: p.port, protocol: p.protocol }, detail: 'another port has the same port and protocol' });
          pairs.add(pair);
        }
        if (typeof p.nodePort === 'number' && p.nodePort !== 0) {
          if (spec.type === 'ClusterIP') apiError(ctx, doc, [...base, 'nodePort'], 'Forbidden', { detail: "may not be used when `type` is 'ClusterIP'", hint: 'Remove nodePort, or use type NodePort or LoadBalancer.' });
          else if (p.nodePort < range[0] || p.nodePort > range[1]) {
            apiError(ctx, doc, [...base, 'nodePort'], 'Invalid value', { value: p.nodePort, detail: `provided port is not in the valid range. The range of valid ports is ${showRange(range)}`, hint: 'Pick a nodePort in the cluster\'s range, or leave it out to have one allocated.' });
          }
          const np = `${p.nodePort}/${p.protocol}`;
          if (nodePairs.has(np)) apiError(ctx, doc, [...base, 'nodePort'], 'Duplicate value', { value: p.nodePort });
          nodePairs.add(np);
        }
      });
    }
  },
};
