// The one place the version is read: package.json (bundled into dist/ at build time).
import { version } from '../package.json';

export const VERSION: string = version;
