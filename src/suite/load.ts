import { readFileSync, existsSync } from 'node:fs';
import { extname, join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument, LineCounter } from 'yaml';
import type { z } from 'zod';
import { suiteSchema, type Suite } from './schema.ts';
import { InputError } from '../util/errors.ts';
import { hashOf } from '../util/hash.ts';

export const BUILTIN_SUITES_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'suites');

export interface LoadedSuite {
  suite: Suite;
  /** Where it came from: a path, or `builtin:ID`. */
  source: string;
  /** Hash of the validated content, recorded with every run. */
  hash: string;
}

/** `ID` of a built-in suite, or a path to a YAML or JSON suite file. */
export function loadSuite(ref: string): LoadedSuite {
  const builtin = join(BUILTIN_SUITES_DIR, `${ref}.yaml`);
  if (!ref.includes('/') && !ref.includes('.') && existsSync(builtin)) {
    const loaded = loadSuiteFile(builtin);
    return { ...loaded, source: `builtin:${ref}` };
  }
  if (!existsSync(ref)) {
    throw new InputError(
      `${ref}: no such suite file or built-in suite. Built-in suites: ${builtinSuiteIds().join(', ')}; or pass a path to a .yaml or .json file.`,
    );
  }
  return loadSuiteFile(ref);
}

export function builtinSuiteIds(): string[] {
  return ['quick', 'china-core', 'mirror'].filter((id) => existsSync(join(BUILTIN_SUITES_DIR, `${id}.yaml`)));
}

export function loadSuiteFile(path: string): LoadedSuite {
  const text = readFileSync(path, 'utf8');
  const ext = extname(path).toLowerCase();
  const lines = new LineCounter();
  let data: unknown;
  let lineOf: (p: PropertyKey[]) => number | undefined = () => undefined;
  if (ext === '.json') {
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw new InputError(`${path}: not valid JSON (${(e as Error).message}). Fix the syntax and retry.`);
    }
  } else {
    const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true });
    if (doc.errors.length > 0) {
      const err = doc.errors[0]!;
      const { line, col } = lines.linePos(err.pos[0]);
      throw new InputError(`${path}:${line}:${col}: not valid YAML: ${err.message.split('\n')[0]}`);
    }
    data = doc.toJS();
    lineOf = (p) => {
      const node = doc.getIn(p, true) as { range?: [number, number] } | undefined;
      return node?.range ? lines.linePos(node.range[0]).line : undefined;
    };
  }
  const parsed = suiteSchema.safeParse(data);
  if (!parsed.success) throw new InputError(describeIssues(path, data, parsed.error, lineOf));
  return { suite: parsed.data, source: path, hash: hashOf(parsed.data) };
}

/** One line per problem: file:line, the probe id, the field path, what is wrong. */
function describeIssues(
  path: string,
  data: unknown,
  error: z.ZodError,
  lineOf: (p: PropertyKey[]) => number | undefined,
): string {
  const probes = (data as { probes?: Array<{ id?: unknown }> } | null)?.probes;
  const out = error.issues.slice(0, 20).map((issue) => {
    const p = issue.path;
    let where = path;
    const line = lineOf(p) ?? lineOf(p.slice(0, -1));
    if (line) where += `:${line}`;
    let field = p.map(String).join('.');
    if (p[0] === 'probes' && typeof p[1] === 'number') {
      const id = probes?.[p[1]]?.id;
      where += ` probe ${typeof id === 'string' ? id : `#${p[1] + 1}`}`;
      field = p.slice(2).map(String).join('.');
    }
    return `${where}: field "${field || '(root)'}": ${issue.message}`;
  });
  if (error.issues.length > 20) out.push(`... and ${error.issues.length - 20} more problems`);
  return `${out.join('\n')}\nFix the suite file (format: docs/probes.md) and retry.`;
}
