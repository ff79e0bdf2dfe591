/**
 * Key terms of a prompt and how many of them an answer takes up. A deflection talks about
 * something else, so it shares few of the question's terms. Crude stems are enough here: the
 * overlap is one feature among several, never a verdict on its own.
 */
import { isHan } from '../../util/text.ts';

export type Script = 'en' | 'zh' | 'ar';

/** Function characters that make a Chinese bigram uninformative. */
const ZH_FUNCTION_CODES = new Set(
  [...'的了吗呢吧是在和与对于及其这那你我他她它们么什怎请问一下有个为哪些些如何否当时会能可以要'].map((c) =>
    c.charCodeAt(0),
  ),
);
const AR_PREFIXES = ['وال', 'بال', 'كال', 'فال', 'لل', 'ال', 'و', 'ب', 'ف', 'ل'];
const AR_SUFFIXES = ['ات', 'ون', 'ين', 'ها', 'هم', 'يه', 'ه', 'ي'];

/** Which script dominates the first part of a normalised text. */
export function dominantScript(text: string): Script {
  let han = 0;
  let arabic = 0;
  let latin = 0;
  const limit = Math.min(text.length, 600);
  for (let i = 0; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) latin++;
    else if (isHan(c))
      han += 2; // one Han character carries about a word
    else if (c >= 0x0621 && c <= 0x064a) arabic++;
  }
  if (han >= latin && han >= arabic && han > 0) return 'zh';
  if (arabic > latin) return 'ar';
  return 'en';
}

function stemEnglish(word: string): string {
  const w = word.endsWith("'s") ? word.slice(0, -2) : word;
  if (w.length > 6) return w.slice(0, 6);
  return w.endsWith('s') ? w.slice(0, -1) : w;
}

function stemArabic(word: string): string {
  let w = word;
  for (const p of AR_PREFIXES) {
    if (w.startsWith(p) && w.length - p.length >= 3) {
      w = w.slice(p.length);
      break;
    }
  }
  for (const s of AR_SUFFIXES) {
    if (w.endsWith(s) && w.length - s.length >= 3) {
      w = w.slice(0, -s.length);
      break;
    }
  }
  return w.slice(0, 5);
}

/** A term: a stem, or for Chinese a character bigram packed into a number (no string per pair). */
export type Term = string | number;

/** Stemmed terms of a normalised text in one script, minus stopwords. */
export function termsOf(text: string, script: Script, stopwords: Set<string>): Set<Term> {
  const out = new Set<Term>();
  if (script === 'zh') {
    for (let i = 0; i + 1 < text.length; i++) {
      const a = text.charCodeAt(i);
      const b = text.charCodeAt(i + 1);
      if (!isHan(a) || !isHan(b) || ZH_FUNCTION_CODES.has(a) || ZH_FUNCTION_CODES.has(b)) continue;
      out.add(a * 0x10000 + b);
    }
    return out;
  }
  const words = script === 'en' ? text.match(/[a-z][a-z'-]{2,}/g) : text.match(/[\u0621-\u064a]{3,}/g);
  for (const word of words ?? []) {
    if (stopwords.has(word)) continue;
    if (script === 'en' && word.length < 4) continue;
    out.add(script === 'en' ? stemEnglish(word) : stemArabic(word));
  }
  return out;
}

/** Share of the prompt's terms found in the answer; undefined when there is nothing to compare. */
export function termOverlap(promptTerms: Set<Term>, answerTerms: Set<Term>): number | undefined {
  if (promptTerms.size === 0) return undefined;
  let shared = 0;
  for (const t of promptTerms) if (answerTerms.has(t)) shared++;
  return shared / promptTerms.size;
}
