/**
 * Splits inline `<think>…</think>` reasoning out of streamed content (MiniMax M2, and any server
 * run without a reasoning parser: research/providers.md §6, §12). Tags may straddle chunks, and
 * either tag may be missing: a lone `</think>` means everything before it was reasoning, so text
 * is held back until the first tag settles which side it is on (or the stream ends).
 */
export interface Piece {
  kind: 'reasoning' | 'text';
  text: string;
}

const OPEN = '<think>';
const CLOSE = '</think>';

/** Length of the longest end of `s` that could be the start of `tag`. */
function partialTagLength(s: string, tag: string): number {
  for (let n = Math.min(tag.length - 1, s.length); n > 0; n--) {
    if (s.endsWith(tag.slice(0, n))) return n;
  }
  return 0;
}

export class ThinkSplitter {
  private state: 'undecided' | 'think' | 'answer' = 'undecided';
  private buffer = '';
  /** Text is held back, waiting for a tag or the end. */
  get holding(): boolean {
    return this.buffer.length > 0;
  }

  push(chunk: string): Piece[] {
    this.buffer += chunk;
    const out: Piece[] = [];
    const emit = (kind: Piece['kind'], text: string) => {
      if (text) out.push({ kind, text });
    };
    for (;;) {
      const open = this.buffer.indexOf(OPEN);
      const close = this.buffer.indexOf(CLOSE);
      if (this.state === 'undecided') {
        if (open >= 0 && (close < 0 || open < close)) {
          this.take(open, OPEN, 'think', 'text', emit);
        } else if (close >= 0) {
          this.take(close, CLOSE, 'answer', 'reasoning', emit);
        } else return out; // hold everything until a tag or the end decides
      } else if (this.state === 'think') {
        if (close >= 0) this.take(close, CLOSE, 'answer', 'reasoning', emit);
        else return this.release('reasoning', CLOSE, out);
      } else if (open >= 0) {
        this.take(open, OPEN, 'think', 'text', emit);
      } else return this.release('text', OPEN, out);
    }
  }

  /** The stream ended: whatever is held goes out on the side it is on. */
  flush(): Piece[] {
    const text = this.buffer;
    this.buffer = '';
    if (!text) return [];
    return [{ kind: this.state === 'think' ? 'reasoning' : 'text', text }];
  }

  private take(
    at: number,
    tag: string,
    next: 'think' | 'answer',
    before: Piece['kind'],
    emit: (kind: Piece['kind'], text: string) => void,
  ): void {
    emit(before, this.buffer.slice(0, at));
    this.buffer = this.buffer.slice(at + tag.length);
    this.state = next;
  }

  /** Emits the buffer except an end that might be the start of `tag`. */
  private release(kind: Piece['kind'], tag: string, out: Piece[]): Piece[] {
    const keep = partialTagLength(this.buffer, tag);
    const text = this.buffer.slice(0, this.buffer.length - keep);
    this.buffer = this.buffer.slice(this.buffer.length - keep);
    if (text) out.push({ kind, text });
    return out;
  }
}
