// The serve engine of `ingressctl test`: each spec request goes over real HTTP(S) to a
// LocalProxy on free ports; the echo backend reports the backend, path and Host it got.
import type { RouteModel } from '../model/types.js';
import type { Engine } from '../spec/types.js';
import { sendSpecRequest } from './spec-send.js';
import { LocalProxy } from './server.js';

export async function serveEngine(model: RouteModel, options: { httpsPort?: number } = {}): Promise<Engine> {
  // locations name the HTTPS port the spec expects, as the model engine does
  const proxy = await LocalProxy.start(model, { httpPort: 0, httpsPort: 0, redirectHttpsPort: options.httpsPort ?? 443 });
  return {
    name: 'serve',
    checks: new Set(['backend', 'status', 'location', 'path', 'host']),
    send: (request) => sendSpecRequest(request.scheme === 'https' ? proxy.httpsPort : proxy.httpPort, request),
    close: () => proxy.stop(1000),
  };
}
