// What lint knows about ingress-nginx annotations (names after nginx.ingress.kubernetes.io/):
// the ones the controller reads today, the ones it dropped, and the snippet family.
// Source: ingress-nginx docs/user-guide/nginx-configuration/annotations(-risk).md.

export const NGINX_ANNOTATIONS: readonly string[] = [
  'affinity', 'affinity-canary-behavior', 'affinity-mode', 'allowlist-source-range', 'app-root',
  'auth-always-set-cookie', 'auth-cache-duration', 'auth-cache-key', 'auth-keepalive', 'auth-keepalive-requests',
  'auth-keepalive-share-vars', 'auth-keepalive-timeout', 'auth-method', 'auth-proxy-set-headers', 'auth-realm',
  'auth-request-redirect', 'auth-response-headers', 'auth-secret', 'auth-secret-type', 'auth-signin',
  'auth-signin-redirect-param', 'auth-snippet', 'auth-tls-error-page', 'auth-tls-match-cn',
  'auth-tls-pass-certificate-to-upstream', 'auth-tls-secret', 'auth-tls-verify-client', 'auth-tls-verify-depth',
  'auth-type', 'auth-url', 'backend-protocol', 'canary', 'canary-by-cookie', 'canary-by-header',
  'canary-by-header-pattern', 'canary-by-header-value', 'canary-weight', 'canary-weight-total',
  'client-body-buffer-size', 'configuration-snippet', 'connection-proxy-header', 'cors-allow-credentials',
  'cors-allow-headers', 'cors-allow-methods', 'cors-allow-origin', 'cors-expose-headers', 'cors-max-age',
  'custom-headers', 'custom-http-errors', 'default-backend', 'denylist-source-range',
  'disable-proxy-intercept-errors', 'enable-access-log', 'enable-cors', 'enable-global-auth',
  'enable-modsecurity', 'enable-opentelemetry', 'enable-owasp-core-rules', 'enable-rewrite-log',
  'fastcgi-index', 'fastcgi-params-configmap', 'force-ssl-redirect', 'from-to-www-redirect',
  'http2-push-preload', 'limit-allowlist', 'limit-burst-multiplier', 'limit-connections', 'limit-rate',
  'limit-rate-after', 'limit-rpm', 'limit-rps', 'load-balance', 'mirror-host', 'mirror-request-body',
  'mirror-target', 'modsecurity-snippet', 'modsecurity-transaction-id', 'opentelemetry-operation-name',
  'opentelemetry-trust-incoming-span', 'permanent-redirect', 'permanent-redirect-code',
  'preserve-trailing-slash', 'proxy-body-size', 'proxy-buffer-size', 'proxy-buffering',
  'proxy-buffers-number', 'proxy-connect-timeout', 'proxy-cookie-domain', 'proxy-cookie-path',
  'proxy-http-version', 'proxy-max-temp-file-size', 'proxy-next-upstream', 'proxy-next-upstream-timeout',
  'proxy-next-upstream-tries', 'proxy-read-timeout', 'proxy-redirect-from', 'proxy-redirect-to',
  'proxy-request-buffering', 'proxy-send-timeout', 'proxy-ssl-ciphers', 'proxy-ssl-name',
  'proxy-ssl-protocols', 'proxy-ssl-secret', 'proxy-ssl-server-name', 'proxy-ssl-verify',
  'proxy-ssl-verify-depth', 'rewrite-target', 'satisfy', 'server-alias', 'server-snippet',
  'service-upstream', 'session-cookie-change-on-failure', 'session-cookie-conditional-samesite-none',
  'session-cookie-domain', 'session-cookie-expires', 'session-cookie-max-age', 'session-cookie-name',
  'session-cookie-partitioned', 'session-cookie-path', 'session-cookie-samesite', 'session-cookie-secure',
  'ssl-ciphers', 'ssl-passthrough', 'ssl-prefer-server-ciphers', 'ssl-redirect', 'stream-snippet',
  'temporal-redirect', 'temporal-redirect-code', 'upstream-hash-by', 'upstream-hash-by-subset',
  'upstream-hash-by-subset-size', 'upstream-vhost', 'use-port-in-redirects', 'use-regex', 'x-forwarded-prefix',
  // older spellings the controller still reads as aliases
  'whitelist-source-range', 'limit-whitelist',
];

/** Annotations ingress-nginx no longer reads, and what replaced them. */
export const REMOVED_NGINX_ANNOTATIONS: Readonly<Record<string, string>> = {
  'secure-backends': 'use backend-protocol: "HTTPS"',
  'grpc-backend': 'use backend-protocol: "GRPC"',
  'add-base-url': 'no replacement; rewrite links in the application',
  'base-url-scheme': 'no replacement; rewrite links in the application',
  'session-cookie-hash': 'no replacement; the cookie value is no longer a hash of the upstream',
  'upstream-max-fails': 'no replacement; use proxy-next-upstream and proxy-next-upstream-tries',
  'upstream-fail-timeout': 'no replacement; use proxy-next-upstream-timeout',
  'mirror-uri': 'use mirror-target',
  'enable-opentracing': 'OpenTracing was removed; use enable-opentelemetry',
  'opentracing-trust-incoming-span': 'OpenTracing was removed; use opentelemetry-trust-incoming-span',
  'enable-influxdb': 'InfluxDB support was removed',
  'influxdb-measurement': 'InfluxDB support was removed',
  'influxdb-port': 'InfluxDB support was removed',
  'influxdb-host': 'InfluxDB support was removed',
  'influxdb-server-name': 'InfluxDB support was removed',
  'global-rate-limit': 'global rate limiting was removed; use limit-rps or limit-rpm',
  'global-rate-limit-window': 'global rate limiting was removed; use limit-rps or limit-rpm',
  'global-rate-limit-key': 'global rate limiting was removed; use limit-rps or limit-rpm',
  'global-rate-limit-ignored-cidrs': 'global rate limiting was removed; use limit-rps or limit-rpm',
};

/** Annotations whose value is pasted into the nginx configuration as it is. */
export const SNIPPET_ANNOTATIONS: readonly string[] = ['configuration-snippet', 'server-snippet', 'auth-snippet', 'stream-snippet', 'modsecurity-snippet'];

/** Annotation prefixes of other controllers: ignored by ingress-nginx. */
export const FOREIGN_PREFIXES: Readonly<Record<string, string>> = {
  'nginx.org/': 'F5 NGINX Ingress Controller',
  'nginx.com/': 'F5 NGINX Ingress Controller (NGINX Plus)',
  'haproxy.org/': 'HAProxy Kubernetes Ingress Controller',
  'haproxy-ingress.github.io/': 'HAProxy Ingress',
  'ingress.kubernetes.io/': 'old ingress controllers (renamed nginx.ingress.kubernetes.io/ in ingress-nginx 0.9)',
  'traefik.ingress.kubernetes.io/': 'Traefik',
  'alb.ingress.kubernetes.io/': 'AWS Load Balancer Controller',
  'appgw.ingress.kubernetes.io/': 'Azure Application Gateway Ingress Controller',
  'konghq.com/': 'Kong',
  'projectcontour.io/': 'Contour',
  'kubernetes.io/ingress.global-static-ip-name': 'GKE Ingress',
  'networking.gke.io/': 'GKE Ingress',
};
