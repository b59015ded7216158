// The injection fuzz, short pass for `npm test`: 300 cases per target with the fixed seed
// (test:slow runs 2,000; FUZZ_RUNS overrides both).
import { test } from 'uvu';
import { injectionFuzz } from './injection-suite.js';

injectionFuzz(300);

test.run();
