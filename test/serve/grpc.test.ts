import { test } from 'uvu';
import * as assert from 'uvu/assert';
import * as grpc from '@grpc/grpc-js';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ingress, modelOf } from '../helpers.js';
import { closedPort, withProxy } from './helpers.js';

// A unary method with raw bytes as messages: no .proto needed.
const bytes = { serialize: (b: Buffer) => b, deserialize: (b: Buffer) => b };
const service = {
  say: { path: '/echo.Echo/Say', requestStream: false, responseStream: false, requestSerialize: bytes.serialize, requestDeserialize: bytes.deserialize, responseSerialize: bytes.serialize, responseDeserialize: bytes.deserialize },
};
const Client = grpc.makeGenericClientConstructor(service, 'Echo');

const secretYaml = readFileSync(join(ROOT, 'fixtures/cafe/cafe-secret.yaml'), 'utf8');
const caCert = (() => {
  const m = /tls\.crt: (\S+)/.exec(secretYaml)!;
  return Buffer.from(m[1], 'base64');
})();

function grpcModel(port: number) {
  const y = ingress('grpc', 'cafe.example.com', [['/', 'Prefix', 'echo']], { tls: 'cafe-secret', annotations: { 'nginx.ingress.kubernetes.io/backend-protocol': 'GRPC' } }) + '---\n' + secretYaml;
  return modelOf(y, { upstreams: new Map([['default/echo', { host: '127.0.0.1', port }]]) });
}

function say(httpsPort: number, text: string): Promise<{ reply?: string; code: number; details?: string }> {
  const creds = grpc.credentials.createSsl(caCert);
  const client = new Client(`127.0.0.1:${httpsPort}`, creds, { 'grpc.ssl_target_name_override': 'cafe.example.com', 'grpc.default_authority': 'cafe.example.com' }) as unknown as {
    say(req: Buffer, opts: { deadline: number }, cb: (err: grpc.ServiceError | null, res?: Buffer) => void): void;
    close(): void;
  };
  return new Promise((resolve) => {
    client.say(Buffer.from(text), { deadline: Date.now() + 5000 }, (err, res) => {
      client.close();
      resolve(err ? { code: err.code, details: err.details } : { reply: res!.toString(), code: 0 });
    });
  });
}

test('a gRPC call over HTTP/2 reaches a backend-protocol GRPC upstream (h2c), trailers and all', async () => {
  const server = new grpc.Server();
  server.addService(service, {
    say: (call: grpc.ServerUnaryCall<Buffer, Buffer>, cb: grpc.sendUnaryData<Buffer>) => cb(null, Buffer.from(`hello ${call.request} via ${call.metadata.get('x-forwarded-proto')}`)),
  });
  const port = await new Promise<number>((r, j) => server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (e, p) => (e ? j(e) : r(p))));
  try {
    await withProxy(grpcModel(port), {}, async (p) => {
      assert.equal(await say(p.httpsPort, 'tea'), { reply: 'hello tea via https', code: 0 });
    });
  } finally {
    server.forceShutdown();
  }
});

test('a gRPC upstream that is down: the call fails with UNAVAILABLE (502 from the proxy)', async () => {
  const port = await closedPort();
  await withProxy(grpcModel(port), {}, async (p) => {
    const r = await say(p.httpsPort, 'tea');
    assert.is(r.code, grpc.status.UNAVAILABLE, JSON.stringify(r));
  });
});

test.run();
