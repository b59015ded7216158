// Library entry: the pipeline's stages for programs (and the benchmarks).
export { loadInputs, InputError } from './load/index.js';
export type { Document, LoadResult, LoadOptions } from './load/index.js';
export { validateDocuments } from './schema/validate.js';
export { resolve } from './model/resolve.js';
export type { ResolveOptions } from './model/resolve.js';
export { Matcher } from './model/match.js';
export type { Request, Decision } from './model/match.js';
export { modelJson } from './model/serialize.js';
export type * from './model/types.js';
export type { Finding, Severity } from './findings/finding.js';
export { emitters } from './emit/index.js';
export type { Emitter, EmitOptions, EmitResult, Target } from './emit/types.js';
