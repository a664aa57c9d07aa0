import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

let cached: string | undefined;

/** The repository's top folder (where nest-cli.json is), from source or from compiled code alike. */
export function repoRoot(): string {
  if (cached) return cached;
  let dir = __dirname;
  while (!existsSync(resolve(dir, 'nest-cli.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return (cached = process.cwd());
    dir = parent;
  }
  return (cached = dir);
}
