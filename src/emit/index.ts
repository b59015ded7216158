// The emitters `render --target` can use. A target is listed once its emitter exists.
import { renderNginx } from './nginx/render.js';
import { renderEnvoy } from './envoy/index.js';
import { renderHaproxy } from './haproxy/render.js';
import { renderTraefik } from './traefik/index.js';
import type { Emitter, Target } from './types.js';

export { TARGETS } from './types.js';

export const emitters: Partial<Record<Target, Emitter>> = {
  nginx: renderNginx,
  haproxy: renderHaproxy,
  envoy: renderEnvoy,
  traefik: renderTraefik,
};
