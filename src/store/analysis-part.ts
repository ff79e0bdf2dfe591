/**
 * A part of the analysis read (an ordinal range on SQLite, the whole run on PostgreSQL), in
 * columns that cross between threads cheaply: each distinct cell and verdict list once as JSON
 * text, then per job an index into them, its sample and its ordinal. The arrays are transferred,
 * not copied.
 */
export interface AnalysisPart {
  cells: string[];
  verdictLists: string[];
  cellIndex: Int32Array<ArrayBuffer>;
  samples: Int32Array<ArrayBuffer>;
  ordinals: Int32Array<ArrayBuffer>;
  /** -1 where the response has no verdict. */
  verdictIndex: Int32Array<ArrayBuffer>;
}

export type PartRow = [cell: string, sample: number, ordinal: number, verdicts: string | null];

export function analysisPart(rows: Iterable<PartRow>): AnalysisPart {
  const cells = new Interned();
  const verdictLists = new Interned();
  const cellIndex = new IntColumn();
  const samples = new IntColumn();
  const ordinals = new IntColumn();
  const verdictIndex = new IntColumn();
  for (const [cell, sample, ordinal, verdicts] of rows) {
    cellIndex.push(cells.index(cell));
    samples.push(sample);
    ordinals.push(ordinal);
    verdictIndex.push(verdicts === null ? -1 : verdictLists.index(verdicts));
  }
  return {
    cells: cells.texts,
    verdictLists: verdictLists.texts,
    cellIndex: cellIndex.array(),
    samples: samples.array(),
    ordinals: ordinals.array(),
    verdictIndex: verdictIndex.array(),
  };
}

/** Distinct texts in the order first seen, each with its position. */
export class Interned {
  readonly texts: string[] = [];
  private readonly positions = new Map<string, number>();

  index(text: string): number {
    let position = this.positions.get(text);
    if (position === undefined) {
      position = this.texts.push(text) - 1;
      this.positions.set(text, position);
    }
    return position;
  }
}

/** A growing Int32Array. */
export class IntColumn {
  private values = new Int32Array(1024);
  private length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Int32Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  array(): Int32Array<ArrayBuffer> {
    return this.values.slice(0, this.length);
  }
}
