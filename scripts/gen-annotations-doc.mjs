// Writes docs/annotations.md from the support matrix. Run: npm run docs:annotations
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { annotationsDoc } from '../src/support/format.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'docs', 'annotations.md'), annotationsDoc());
console.log('docs/annotations.md written');
