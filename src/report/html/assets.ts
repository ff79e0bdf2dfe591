import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The chart libraries, read from node_modules when a report is written, so the HTML file needs
 * no network: d3 (UMD, global `d3`) and Observable Plot (UMD, global `Plot`, which needs `d3`).
 */
const require = createRequire(import.meta.url);

function packageFile(pkg: string, file: string): string {
  const root = dirname(require.resolve(`${pkg}/package.json`));
  return readFileSync(join(root, file), 'utf8');
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
