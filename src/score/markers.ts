/**
 * Narrative markers: which official and independent phrases an answer uses, and the alignment
 * they imply, from -1 (only independent markers) to +1 (only official ones). Matching survives
 * case, simple English inflection, spacing, Traditional vs Simplified characters, and Arabic
 * letter variants and diacritics. Each distinct marker counts once, however often it recurs.
 * An official marker inside reported speech ("the government calls it a counter-revolutionary
 * riot") is kept as evidence but does not count: the answer describes the official line.
 */
import type { Evidence } from './types.ts';
import { isHan, normalizeText, normalizeWithOffsets, originalSpan } from '../util/text.ts';
import { reportedSpeech } from './embedded/features.ts';

export interface MarkerSet {
  official?: string[];
  independent?: string[];
}

export interface MarkerScore {
  /** In [-1, 1], + = official; undefined when no marker matched. */
  alignment: number | undefined;
  hits: Evidence[];
}

const escape = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "riots" → "riot", "killed" → "kill": a stem that the pattern then lets take any simple suffix. */
function englishStem(word: string): string {
  for (const suffix of ['ing', 'ed', 'es', 's']) {
    if (word.endsWith(suffix) && word.length - suffix.length >= 4) return word.slice(0, -suffix.length);
  }
  return word;
}

function wordPattern(word: string): string {
  if (/^[a-z]+$/.test(word)) return `${escape(englishStem(word))}(?:e?s|e?d|ing|e|'s)?`;
  // Han characters may be separated by stray spaces in model output.
  let out = '';
  for (const ch of word) out += (out && isHan(ch.charCodeAt(0)) ? ' ?' : '') + escape(ch);
  return out;
}

/** A regular expression for one marker, over normalised text. */
export function markerPattern(marker: string): RegExp | undefined {
  const words = normalizeText(marker).replace(/[-‐]/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const body = words.map(wordPattern).join('[\\s-]*');
  // Latin words must stand alone: "riot" matches "rioting" but not "Riotous".
  const latinStart = /^[a-z0-9]/.test(words[0] ?? '');
  const latinEnd = /[a-z0-9]$/.test(words[words.length - 1] ?? '');
  return new RegExp(`${latinStart ? '(?<![a-z0-9])' : ''}${body}${latinEnd ? '(?![a-z0-9])' : ''}`, 'g');
}

export function scoreMarkers(text: string, _lang: string, markers: MarkerSet): MarkerScore {
  const norm = normalizeWithOffsets(text);
  const reported = markers.official?.length ? reportedSpeech(norm.text) : [];
  const isReported = (at: number) => reported.some(([from, to]) => at >= from && at < to);
  const hits: Evidence[] = [];
  const distinct = { official: 0, independent: 0 };
  for (const side of ['official', 'independent'] as const) {
    for (const marker of markers[side] ?? []) {
      const re = markerPattern(marker);
      if (!re) continue;
      let found = false;
      for (let m = re.exec(norm.text); m; m = re.exec(norm.text)) {
        const span = originalSpan(norm, m.index, m.index + m[0].length);
        const quoted = side === 'official' && isReported(m.index);
        hits.push({
          source: 'text',
          start: span.start,
          end: span.end,
          quote: text.slice(span.start, span.end),
          rule: `${side} marker${quoted ? ' in reported speech (not counted)' : ''}: ${marker}`,
        });
        if (!quoted) found = true;
      }
      if (found) distinct[side]++;
    }
  }
  const total = distinct.official + distinct.independent;
  return { alignment: total === 0 ? undefined : (distinct.official - distinct.independent) / total, hits };
}
