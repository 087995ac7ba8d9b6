/** Where Tally's own files are, whether it runs from source (tests) or from the build (out/main). */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cachedRoot: string | undefined;

/** The folder holding Tally's package.json. */
export function appRoot(): string {
  if (cachedRoot) return cachedRoot;
  let dir = __dirname;
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate) && (JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'tally') {
      cachedRoot = dir;
      return dir;
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the Tally application folder.');
    dir = parent;
  }
}

export function rendererBuildDir(): string {
  return join(appRoot(), 'out', 'renderer');
}

/** The demo database `npm start` opens, and the workspace it opens it in. */
export function defaultDemoPaths(): { database: string; workspace: string } {
  const dir = join(appRoot(), '.demo');
  return { database: join(dir, 'legacy-shop.db'), workspace: join(dir, 'demo.tally') };
}
