import { describe, expect, it } from 'vitest';
import { ReviewSession, type ReviewItem } from '../src/score/review/session.ts';

const ITEMS: ReviewItem[] = ['r1', 'r2', 'r3'].map((id) => ({
  responseId: id,
  runId: 'run',
  priorLabel: 'answered',
}));
let tick = 0;
const clock = (): string => `2026-11-29T00:00:${String(tick++).padStart(2, '0')}.000Z`;

describe('review state machine (no TTY)', () => {
  it('labels with one key, notes attach to the next label, skip moves on, quit stops', () => {
    const s = new ReviewSession(ITEMS, 'ana', clock);
    expect(s.feed('r')).toEqual({ kind: 'labelled', label: 'refused' });
    expect(s.feed('n')).toEqual({ kind: 'note-started' });
    expect(s.feed('cuts off after one line')).toEqual({ kind: 'noted' });
    expect(s.feed('p')).toEqual({ kind: 'labelled', label: 'partial' });
    expect(s.current?.responseId).toBe('r3');
    expect(s.feed('x')).toEqual({ kind: 'unknown-key', key: 'x' });
    expect(s.feed('s')).toEqual({ kind: 'skipped' });
    expect(s.done).toBe(true);
    expect(s.pending.map((v) => [v.responseId, v.scorer, v.label, v.rationale])).toEqual([
      ['r1', 'human:ana', 'refused', undefined],
      ['r2', 'human:ana', 'partial', 'cuts off after one line'],
    ]);
    const q = new ReviewSession(ITEMS, 'ana', clock);
    expect(q.feed('q')).toEqual({ kind: 'quit' });
    expect(q.done).toBe(true);
    expect(q.pending).toEqual([]);
  });

  it('undo drops a pending label and returns to its response', () => {
    const s = new ReviewSession(ITEMS, 'ana', clock);
    s.feed('d');
    s.feed('c');
    expect(s.feed('u')).toEqual({ kind: 'undone', label: 'censored' });
    expect(s.current?.responseId).toBe('r2');
    expect(s.pending.map((v) => v.label)).toEqual(['deflected']);
    s.feed('u');
    expect(s.feed('u')).toEqual({ kind: 'nothing-to-undo' });
    expect(s.current?.responseId).toBe('r1');
    expect(s.pending).toEqual([]);
  });

  it('undo after writing appends a superseding verdict instead of deleting', () => {
    const s = new ReviewSession(ITEMS, 'ana', clock);
    s.feed('r');
    const written = s.flush();
    expect(written.map((v) => v.label)).toEqual(['refused']);
    expect(s.pending).toEqual([]);
    expect(s.feed('u')).toEqual({ kind: 'undone', label: 'refused' });
    expect(s.current?.responseId).toBe('r1');
    const [superseding] = s.flush();
    expect(superseding).toMatchObject({
      responseId: 'r1',
      scorer: 'human:ana',
      label: 'answered',
      details: { undoes: written[0]!.createdAt },
    });
    expect(superseding!.createdAt > written[0]!.createdAt).toBe(true);
    expect(s.feed('u')).toEqual({ kind: 'nothing-to-undo' });
  });

  it('undoing a pending supersession restores the written label as undoable', () => {
    const s = new ReviewSession(ITEMS, 'ana', clock);
    s.feed('e');
    s.flush();
    s.feed('u');
    expect(s.pending).toHaveLength(1);
    s.feed('u');
    expect(s.pending).toEqual([]);
    expect(s.feed('u')).toEqual({ kind: 'undone', label: 'error' });
    expect(s.pending.map((v) => v.label)).toEqual(['answered']);
  });
});
