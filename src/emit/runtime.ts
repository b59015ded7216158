// What running a bundle involves, per target: the command that starts it from its folder,
// and the files the running proxy makes there (render --force keeps them in place, so a
// re-render does not delete a running nginx's pid file or its open logs).
import type { Target } from './types.js';

export const RUN_COMMAND: Record<Target, (dir: string) => string> = {
  nginx: (dir) => `nginx -p ${dir}/ -c nginx.conf -g 'daemon off;'`,
  haproxy: (dir) => `cd ${dir} && haproxy -f haproxy.cfg`,
  envoy: (dir) => `cd ${dir} && envoy -c envoy.yaml`,
  // the bundle's paths (dynamic/, certs/) are relative to the working directory
  traefik: (dir) => `cd ${dir} && traefik --configFile=traefik.yml`,
};

/** Names in the bundle folder that belong to a running proxy, not to the rendered bundle. */
export const RUNTIME_FILES: Record<Target, readonly string[]> = {
  nginx: ['nginx.pid', 'error.log', 'access.log', 'client_body_temp', 'proxy_temp', 'fastcgi_temp', 'uwsgi_temp', 'scgi_temp'],
  // HAProxy runs in the foreground and logs to stderr; Envoy's bootstrap and traefik.yml name no files of their own
  haproxy: [],
  envoy: [],
  traefik: [],
};
