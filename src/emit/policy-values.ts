// The CORS origin pattern is the model's (src/model/cors.ts), shared with serve; the backend
// a request reaches and the affinity cookie are decided in src/emit/plan.ts.
export { originAlternation } from '../model/cors.js';
