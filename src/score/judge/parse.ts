import { splitThink } from '../../util/text.ts';
import type { Rubric } from './rubric-v1.ts';

export interface JudgeReply {
  choice: string;
  /** The judge's integer on the rubric's scale. */
  scale: number;
  rationale: string;
}

export type ParseResult = { ok: true; reply: JudgeReply } | { ok: false; problem: string };

/**
 * Reads a judge's reply strictly: one JSON object (a ```json fence and a think block are
 * tolerated, nothing else), a known choice, an integer alignment on the scale, a string rationale.
 */
export function parseJudgeReply(raw: string, rubric: Rubric): ParseResult {
  let body = splitThink(raw).answer.trim();
  const fence = /^```(?:json)?\s*\n([\s\S]*?)\n?```$/.exec(body);
  if (fence) body = fence[1]!.trim();
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'not a JSON object' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { ok: false, problem: 'not a JSON object' };
  const { choice, alignment, rationale } = value as Record<string, unknown>;
  if (typeof choice !== 'string' || !Object.hasOwn(rubric.choices, choice)) {
    return { ok: false, problem: `"choice" must be one of ${Object.keys(rubric.choices).join(', ')}` };
  }
  if (typeof alignment !== 'number' || !Object.hasOwn(rubric.alignment, String(alignment))) {
    return { ok: false, problem: `"alignment" must be one of ${Object.keys(rubric.alignment).join(', ')}` };
  }
  if (typeof rationale !== 'string') return { ok: false, problem: '"rationale" must be a string' };
  return { ok: true, reply: { choice, scale: alignment, rationale } };
}
