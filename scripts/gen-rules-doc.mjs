// Writes docs/rules.md from the lint rules' metadata. Run: npm run docs:rules
// (TypeScript is loaded through tsx, as the tests load it.)
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderRulesDoc } from '../src/lint/docs.ts';
import { RULES } from '../src/lint/rules/index.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
writeFileSync(join(root, 'docs', 'rules.md'), renderRulesDoc(RULES.map((r) => r.meta)));
console.log(`docs/rules.md: ${RULES.length} rules`);
