// The injection fuzz in full, for `npm run test:slow` (CI): 2,000 cases per target with the
// fixed seed, every target with its real parser.
import { test } from 'uvu';
import { injectionFuzz } from './injection-suite.js';

injectionFuzz(2000);

test.run();
