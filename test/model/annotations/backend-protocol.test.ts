import { backendProtocol } from '../../../src/model/annotations/backend-protocol.js';
import { annotationSuite } from './helpers.js';
import { test } from 'uvu';

annotationSuite(backendProtocol, {
  good: [['HTTPS', 'https'], ['grpc', 'grpc'], ['GRPCS', 'grpcs'], ['HTTP', 'http']],
  bad: [['AJP', 'must be one of HTTP, HTTPS, GRPC, GRPCS'], ['FCGI', 'must be one of']],
  base: 'HTTPS',
  applied: (a) => a.protocol,
});

test.run();
