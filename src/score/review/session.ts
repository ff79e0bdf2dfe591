/**
 * Human review as a state machine fed one key (or, after `n`, one line of note) at a time, so the
 * logic runs without a terminal. Labels become `human:NAME` verdicts; the store is append-only,
 * so undo drops a pending label or, once written, appends a superseding verdict.
 */
import type { VerdictRecord } from '../../store/types.ts';
import type { VerdictLabel } from '../types.ts';

export const LABEL_KEYS: Record<string, VerdictLabel> = {
  a: 'answered',
  r: 'refused',
  d: 'deflected',
  p: 'partial',
  c: 'censored',
  e: 'error',
};

export interface ReviewItem {
  responseId: string;
  runId: string;
  /** The label the response had before this session: what an undo of a written label restores. */
  priorLabel: VerdictLabel;
}

export type Step =
  | { kind: 'labelled'; label: VerdictLabel }
  | { kind: 'note-started' }
  | { kind: 'noted' }
  | { kind: 'skipped' }
  | { kind: 'undone'; label: VerdictLabel }
  | { kind: 'nothing-to-undo' }
  | { kind: 'quit' }
  | { kind: 'unknown-key'; key: string };

interface Written {
  verdict: VerdictRecord;
  index: number;
}

export class ReviewSession {
  readonly scorer: string;
  index = 0;
  done = false;
  /** Verdicts not yet written to the store. */
  pending: VerdictRecord[] = [];
  private written: Written[] = [];
  /** Per pending verdict: its item, and the written label it supersedes, if it is an undo. */
  private pendingInfo: Array<{ index: number; supersedes?: Written }> = [];
  private note: string | undefined;
  private takingNote = false;

  constructor(
    readonly items: ReviewItem[],
    reviewer: string,
    private readonly now: () => string = () => new Date().toISOString(),
  ) {
    this.scorer = `human:${reviewer}`;
    this.done = items.length === 0;
  }

  get current(): ReviewItem | undefined {
    return this.items[this.index];
  }

  feed(input: string): Step {
    if (this.takingNote) {
      this.takingNote = false;
      this.note = input;
      return { kind: 'noted' };
    }
    const item = this.current;
    const label = LABEL_KEYS[input];
    if (label && item) {
      this.pending.push(this.verdict(item, label, this.note));
      this.pendingInfo.push({ index: this.index });
      this.note = undefined;
      this.advance();
      return { kind: 'labelled', label };
    }
    switch (input) {
      case 'n':
        this.takingNote = true;
        return { kind: 'note-started' };
      case 's':
        this.note = undefined;
        this.advance();
        return { kind: 'skipped' };
      case 'u':
        return this.undo();
      case 'q':
        this.done = true;
        return { kind: 'quit' };
      default:
        return { kind: 'unknown-key', key: input };
    }
  }

  /** Hands over the pending verdicts for writing; they can still be undone, by supersession. */
  flush(): VerdictRecord[] {
    const out = this.pending;
    out.forEach((verdict, i) => {
      const info = this.pendingInfo[i]!;
      // A written undo is final; only labels can be undone after writing.
      if (!info.supersedes) this.written.push({ verdict, index: info.index });
    });
    this.pending = [];
    this.pendingInfo = [];
    return out;
  }

  private undo(): Step {
    const pending = this.pending.pop();
    if (pending) {
      const info = this.pendingInfo.pop()!;
      if (info.supersedes) this.written.push(info.supersedes);
      this.index = info.index;
      this.done = false;
      return { kind: 'undone', label: pending.label };
    }
    const last = this.written.pop();
    if (!last) return { kind: 'nothing-to-undo' };
    const item = this.items[last.index]!;
    const superseding = this.verdict(item, item.priorLabel, `undoes ${last.verdict.label}`);
    this.pending.push({ ...superseding, details: { undoes: last.verdict.createdAt } });
    this.pendingInfo.push({ index: last.index, supersedes: last });
    this.index = last.index;
    this.done = false;
    return { kind: 'undone', label: last.verdict.label };
  }

  private verdict(item: ReviewItem, label: VerdictLabel, note: string | undefined): VerdictRecord {
    return {
      responseId: item.responseId,
      runId: item.runId,
      scorer: this.scorer,
      createdAt: this.now(),
      label,
      confidence: 1,
      evidence: [],
      ...(note === undefined ? {} : { rationale: note }),
    };
  }

  private advance(): void {
    this.index++;
    if (this.index >= this.items.length) this.done = true;
  }
}
