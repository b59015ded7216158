// The CEL evaluator and what it needs, bundled on their own (dist/gateway-cel.js) and loaded by
// src/gateway/cel.ts when lint first evaluates a CRD rule: no other command pays for them.
export * as cel from '@bufbuild/cel';
export { strings } from '@bufbuild/cel/ext';
export { RE2JS } from '@bufbuild/re2';
