import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The chart libraries, read from node_modules when a report is written, so the HTML file needs
 * no network: d3 (UMD, global `d3`) and Observable Plot (UMD, global `Plot`, which needs `d3`).
 */
const require = createRequire(import.meta.url);

// Packages with an "exports" map (d3) hide package.json, so the root is found from the entry file.
function packageFile(pkg: string, file: string): string {
  let dir = dirname(require.resolve(pkg));
  while (!existsSync(join(dir, 'package.json')) || !dir.endsWith(pkg.split('/').pop()!)) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the folder of ${pkg}`);
    dir = parent;
  }
  return readFileSync(join(dir, file), 'utf8');
}

let cached: string | undefined;

/** Both libraries as one script body, safe to place inside <script>…</script>. */
export function chartLibraries(): string {
  cached ??= [packageFile('d3', 'dist/d3.min.js'), packageFile('@observablehq/plot', 'dist/plot.umd.min.js')]
    .map(inlineScript)
    .join('\n;\n');
  return cached;
}

/** A script body cannot contain "</script" (or "<!--"); escaping the "<" keeps the code's meaning. */
export function inlineScript(code: string): string {
  return code.replace(/<(\/script|!--)/gi, '\\x3c$1');
}
