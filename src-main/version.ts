/** Tally's version, read once from package.json (bundled at build time). */
import packageJson from '../package.json';

export const tallyVersion: string = packageJson.version;
