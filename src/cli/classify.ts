import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { classify } from '../score/embedded/classify.ts';
import { dominantScript } from '../score/embedded/terms.ts';
import { normalizeText } from '../util/text.ts';
import type { ScorerInput } from '../score/types.ts';
import { InputError } from '../util/errors.ts';

const LANG_OF_SCRIPT = { en: 'en', zh: 'zh-Hans', ar: 'ar' } as const;

/** The language of a line that names none, guessed from the script of its prompt and answer. */
export function detectLang(prompt: string, response: string): string {
  return LANG_OF_SCRIPT[dominantScript(normalizeText(`${prompt}\n${response}`))];
}

function optionalString(line: Record<string, unknown>, field: string): string | undefined {
  const v = line[field];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new Error(`field "${field}" must be a string`);
  return v;
}

/** Reads one input line into what the classifier sees; throws a message naming the bad field. */
function scorerInputOf(text: string): { line: Record<string, unknown>; input: ScorerInput } {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new Error('not valid JSON');
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error('expected a JSON object');
  const line = parsed as Record<string, unknown>;
  const prompt = line.prompt;
  const response = line.response;
  if (typeof prompt !== 'string') throw new Error('field "prompt" must be a string');
  if (typeof response !== 'string') throw new Error('field "response" must be a string');
  const signals = line.signals ?? [];
  if (!Array.isArray(signals) || signals.some((s) => typeof s !== 'string')) {
    throw new Error('field "signals" must be an array of strings');
  }
  return {
    line,
    input: {
      prompt,
      text: response,
      lang: optionalString(line, 'lang') ?? detectLang(prompt, response),
      reasoning: optionalString(line, 'reasoning'),
      signals: signals as string[],
    },
  };
}

/**
 * Labels every line of a JSONL file with the embedded classifier, keeping order and fields.
 * Every line is checked before anything is written; a bad one is an InputError naming file and line.
 */
export async function classifyFile(inPath: string, outPath: string): Promise<number> {
  let raw: string;
  try {
    raw = await readFile(inPath, 'utf8');
  } catch (err) {
    throw new InputError(`--in ${inPath}: ${(err as Error).message}`);
  }
  const out: string[] = [];
  raw.split('\n').forEach((text, i) => {
    if (text.trim() === '') return;
    let parsed: ReturnType<typeof scorerInputOf>;
    try {
      parsed = scorerInputOf(text);
    } catch (err) {
      throw new InputError(`${inPath}:${i + 1}: ${(err as Error).message}`);
    }
    out.push(JSON.stringify({ ...parsed.line, verdict: classify(parsed.input) }));
  });
  await writeFile(outPath, out.map((l) => `${l}\n`).join(''));
  return out.length;
}

export function registerClassify(program: Command): void {
  program
    .command('classify')
    .description('label prompt/response pairs from a JSONL file with the embedded classifier (no network)')
    .requiredOption(
      '--in <file>',
      'JSONL input: one {"prompt", "response", "lang"?, "reasoning"?, "signals"?} per line',
    )
    .requiredOption('--out <file>', 'JSONL output: each input line plus its verdict, in the same order')
    .action(async (flags: { in: string; out: string }) => {
      const n = await classifyFile(flags.in, flags.out);
      process.stdout.write(`classified ${n} lines into ${flags.out}\n`);
    });
}
