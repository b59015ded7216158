// The targets the support matrix has a column for: a module of its own, so a command's
// options can list them without building the matrix at start-up.
export const SUPPORT_TARGETS = ['nginx', 'haproxy', 'envoy', 'traefik', 'serve', 'gateway-api'] as const;
export type SupportTarget = (typeof SUPPORT_TARGETS)[number];
