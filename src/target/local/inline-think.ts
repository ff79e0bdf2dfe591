import { ThinkSplitter, type Piece } from '../openai/dialects/think-splitter.ts';

const OPEN = '<think>';

/**
 * Reasoning that a model writes inline as `<think>…</think>` at the start of its answer, when
 * its chat template is not one node-llama-cpp parses into thought segments itself. Only the
 * answer's first characters are held back (while they could still become `<think>`), so plain
 * answers stream token by token; an answer that opens with `<think>` goes through the shared
 * ThinkSplitter.
 */
export class InlineThink {
  private splitter: ThinkSplitter | undefined;
  private decided = false;
  private pending = '';

  push(text: string): Piece[] {
    if (this.decided) return this.splitter ? this.splitter.push(text) : text ? [{ kind: 'text', text }] : [];
    this.pending += text;
    const head = this.pending.trimStart();
    if (head.length < OPEN.length && OPEN.startsWith(head)) return [];
    this.decided = true;
    const held = this.pending;
    this.pending = '';
    if (!head.startsWith(OPEN)) return [{ kind: 'text', text: held }];
    this.splitter = new ThinkSplitter();
    return this.splitter.push(held);
  }

  /** The answer ended: whatever is held goes out. */
  flush(): Piece[] {
    if (this.splitter) return this.splitter.flush();
    const held = this.pending;
    this.pending = '';
    return held ? [{ kind: 'text', text: held }] : [];
  }
}
