// The API server's NodePort range (its --service-node-port-range flag, default 30000-32767):
// nodePorts outside it are refused when the Service is created (by the allocator, not by
// validation.go, so the range is the cluster's setting, given to lint the same way).
export type PortRange = readonly [number, number];

export const DEFAULT_NODE_PORT_RANGE: PortRange = [30000, 32767];

/** "30000-32767" (the flag's form; "min+size" as Kubernetes also reads it), or undefined. */
export function parsePortRange(text: string): PortRange | undefined {
  const m = /^\s*(\d{1,5})\s*([-+])\s*(\d{1,5})\s*$/.exec(text);
  if (!m) return undefined;
  const min = Number(m[1]);
  const max = m[2] === '-' ? Number(m[3]) : min + Number(m[3]) - 1;
  return min >= 1 && max <= 65535 && min <= max ? [min, max] : undefined;
}

export function showRange(r: PortRange): string {
  return `${r[0]}-${r[1]}`;
}
