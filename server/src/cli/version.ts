// The version printed by --version and written into SARIF: package.json's, bundled at build time.
import { version } from '../../../package.json';

export const VERSION: string = version;
