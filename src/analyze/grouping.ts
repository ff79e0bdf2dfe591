import type { AnalysisRow } from './types.ts';

/** One Map key from several values (a separator that does not occur in ids or tags). */
export function joinKey(...values: readonly string[]): string {
  return values.join('\u001f');
}

/** One Map key from a row's values for the given fields. */
export function groupKey(row: AnalysisRow, fields: readonly (keyof AnalysisRow)[]): string {
  return joinKey(...fields.map((field) => String(row[field])));
}

/** A group of rows: the first row seen (it carries the group's field values) and what was gathered. */
export interface Group<T> {
  first: AnalysisRow;
  value: T;
}

type Node<T> = Map<unknown, Node<T> | Group<T>>;

/**
 * Rows grouped by the values of some fields. A row finds its group through one small Map per
 * field, looked up with the row's own values: a report groups a million rows many ways, and
 * this is several times faster than building and hashing a joined string key for every row.
 */
export class Grouping<T> {
  private readonly root: Node<T> = new Map();
  private readonly seen: Group<T>[] = [];
  private previous: Group<T> | undefined;

  constructor(
    readonly fields: readonly (keyof AnalysisRow)[],
    private readonly create: () => T,
  ) {}

  /** The value gathered for the row's group, created when the group is first seen. */
  of(row: AnalysisRow): T {
    const { fields } = this;
    // Rows come in plan order, where the samples of a question lie together: most rows belong
    // to the group of the row before, and comparing a few values costs less than a lookup.
    const previous = this.previous;
    if (previous !== undefined && sameValues(row, previous.first, fields)) return previous.value;
    const last = fields.length - 1;
    let node = this.root;
    for (let depth = 0; depth < last; depth++) {
      const value = valueOf(row, fields[depth]!);
      let next = node.get(value) as Node<T> | undefined;
      if (next === undefined) node.set(value, (next = new Map()));
      node = next;
    }
    const leaf = last < 0 ? '' : valueOf(row, fields[last]!);
    let group = node.get(leaf) as Group<T> | undefined;
    if (group === undefined) {
      group = { first: row, value: this.create() };
      node.set(leaf, group);
      this.seen.push(group);
    }
    this.previous = group;
    return group.value;
  }

  /** The value of the group with these field values (in field order); undefined when no row had them. */
  find(...values: readonly unknown[]): T | undefined {
    let node: Node<T> | Group<T> | undefined = this.root;
    for (const value of values) {
      if (!(node instanceof Map)) return undefined;
      node = node.get(value);
    }
    return node instanceof Map ? undefined : node?.value;
  }

  /** Every group, in the order of their joined keys (the order reports list them in). */
  sorted(): Group<T>[] {
    return this.seen
      .map((group) => ({ group, key: groupKey(group.first, this.fields) }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
      .map(({ group }) => group);
  }

  /** Every group, in the order they were first seen. */
  all(): readonly Group<T>[] {
    return this.seen;
  }
}

function sameValues(a: AnalysisRow, b: AnalysisRow, fields: readonly (keyof AnalysisRow)[]): boolean {
  for (let i = 0; i < fields.length; i++) {
    const field = fields[i]!;
    if (valueOf(a, field) !== valueOf(b, field)) return false;
  }
  return true;
}

/**
 * row[field], through a property named in the code where it can be: V8 loads a named property in
 * a few instructions, while one `row[field]` site that sees many field names falls back to a
 * generic lookup, and grouping a million rows many ways does this tens of millions of times.
 */
function valueOf(row: AnalysisRow, field: keyof AnalysisRow): unknown {
  switch (field) {
    case 'targetId':
      return row.targetId;
    case 'topic':
      return row.topic;
    case 'kind':
      return row.kind;
    case 'lang':
      return row.lang;
    case 'probeId':
      return row.probeId;
    case 'variant':
      return row.variant;
    case 'runId':
      return row.runId;
    case 'scorer':
      return row.scorer;
    default:
      return row[field];
  }
}
