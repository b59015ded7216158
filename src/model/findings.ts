// Moved to src/findings/finding.ts; kept only for the imports of src/model/origin.ts and src/load/locate.ts (owned by
// another change) — delete once origin.ts imports from '../findings/finding.js'.
export { formatFieldPath, type PathSeg } from '../findings/finding.js';
