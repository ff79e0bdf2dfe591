import type { ScorerInput, Verdict } from './types.ts';

/** A scorer is a small named function from a response to a rich verdict. */
export interface Scorer {
  /** Recorded with each verdict, versioned: e.g. "embedded@1". */
  name: string;
  score(input: ScorerInput): Verdict | Promise<Verdict>;
}
