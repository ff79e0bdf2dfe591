import { printable } from '../report/table.ts';
import type { VerdictRecord } from '../store/types.ts';

type ShownVerdict = Pick<VerdictRecord, 'label' | 'confidence' | 'alignment' | 'evidence' | 'rationale'> & {
  scorer: string;
};

/**
 * One verdict as a line of text. The markers scorer measures alignment only: its label is
 * borrowed with confidence 0, so its alignment and hits are shown instead.
 */
export function describeVerdict(v: ShownVerdict): string {
  const alignment = v.alignment === undefined ? 'none (no marker matched)' : v.alignment.toFixed(2);
  if (v.scorer.startsWith('markers')) return `alignment ${alignment} (${v.evidence.length} marker hits)`;
  const rationale = v.rationale ? ` ${printable(v.rationale)}` : '';
  const aligned = v.alignment === undefined ? '' : ` alignment ${alignment}`;
  return `${v.label} (${v.confidence.toFixed(2)})${aligned}${rationale}`;
}
