/**
 * Lexicon format and compiler. Entries are regular-expression sources written in plain text of
 * their language; the compiler runs them through the same normalisation as the responses
 * (lowercase, Traditional→Simplified, Arabic variants), so an entry written with hamza or in
 * Traditional characters still matches. Entries therefore avoid upper-case escapes (\S, \W, \D, \B).
 * `~` stands for a short gap inside one sentence.
 */
import { normalizeText } from '../../util/text.ts';

export const CUE_KINDS = [
  'refusal', // says it will not or cannot answer
  'withhold', // answers but declines part, or says it stops short
  'changeSubject', // proposes another topic
  'official', // official-narrative boilerplate said in the model's own voice
  'lecture', // laws, rumours, "authoritative sources"
  'evasive', // "complex and sensitive", "different views", "look to the future"
  'attribution', // reported speech: "according to", "Beijing says", "据…称"
  'fact', // words that carry facts: killed, detained, estimates, troops
] as const;
export type CueKind = (typeof CUE_KINDS)[number];

export type LexiconSource = Record<CueKind, string[]> & {
  /** Words left out of prompt key terms (already lowercase). */
  stopwords: string[];
};

export type CompiledLexicon = Record<CueKind, RegExp> & { stopwords: Set<string> };

const GAP = '[^.!?;。！？；\\n]{0,30}?';

function compileEntries(entries: string[]): RegExp {
  const sources = entries.map((entry) => normalizeText(entry).replaceAll('~', GAP));
  return new RegExp(sources.map((s) => `(?:${s})`).join('|'), 'g');
}

export function compileLexicon(source: LexiconSource): CompiledLexicon {
  const compiled = {} as Record<CueKind, RegExp>;
  for (const kind of CUE_KINDS) compiled[kind] = compileEntries(source[kind]);
  return { ...compiled, stopwords: new Set(source.stopwords.map(normalizeText)) };
}
