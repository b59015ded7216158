// The version, read from package.json at build time (esbuild inlines the one field): the only
// place it is written is package.json.
import { version } from '../package.json';

export const VERSION: string = version;
