import type { Command } from 'commander';
import { emitKeypressEvents } from 'node:readline';
import { createInterface } from 'node:readline/promises';
import type { RunSpec } from '../run/session.ts';
import { effectiveVerdict } from '../score/precedence.ts';
import { ReviewSession, type ReviewItem } from '../score/review/session.ts';
import { scorerInput } from '../score/score-run.ts';
import { printable } from '../report/table.ts';
import type { Store, VerdictRecord } from '../store/types.ts';
import { InputError } from '../util/errors.ts';
import { DB_FLAG, withStore } from './options.ts';
import { describeVerdict } from './verdict-text.ts';

const FILTER_KEYS = ['label', 'topic', 'lang'] as const;
const HELP =
  'a answered  r refused  d deflected  p partial  c censored  e error  n note  s skip  u undo  q quit';

interface Shown extends ReviewItem {
  text: string;
}

function parseFilter(
  filter: string | undefined,
): { key: (typeof FILTER_KEYS)[number]; value: string } | undefined {
  if (!filter) return undefined;
  const [key, value] = filter.split('=', 2);
  if (!FILTER_KEYS.includes(key as never) || !value)
    throw new InputError(`--filter ${filter}: expected label=..., topic=... or lang=...`);
  return { key: key as (typeof FILTER_KEYS)[number], value };
}

async function loadItems(store: Store, runId: string, filter: string | undefined): Promise<Shown[]> {
  const run = await store.getRun(runId);
  if (!run) throw new InputError(`no run ${runId} in this database (see \`redline runs\`)`);
  const only = parseFilter(filter);
  const suite = (run.spec as RunSpec).suite;
  const jobs = new Map((await store.jobs(runId)).map((j) => [j.key, j]));
  const verdicts = new Map<string, VerdictRecord[]>();
  for (const v of await store.verdicts(runId))
    verdicts.set(v.responseId, [...(verdicts.get(v.responseId) ?? []), v]);
  const items: Shown[] = [];
  for (const r of await store.responses(runId)) {
    const job = jobs.get(r.jobKey);
    if (!job) continue;
    const mine = verdicts.get(r.id) ?? [];
    const prior = effectiveVerdict(mine)?.label ?? 'answered';
    if (only && (only.key === 'label' ? prior : job[only.key]) !== only.value) continue;
    const input = scorerInput(r, suite, job);
    const lines = [
      `── ${r.id}  (${job.targetId}, ${job.topic}, ${job.lang})`,
      `prompt: ${printable(input.prompt)}`,
      `answer: ${printable(r.text)}`,
      ...(r.reasoning ? [`reasoning: ${printable(r.reasoning)}`] : []),
      `signals: ${input.signals.join(', ') || 'none'}`,
      ...mine.map((v) => `verdict ${printable(v.scorer)}: ${describeVerdict(v)}`),
    ];
    items.push({ responseId: r.id, runId, priorLabel: prior, text: lines.join('\n') });
  }
  return items;
}

/** Reads one key at a time from a TTY; `n` switches to reading one line. */
async function interactive(store: Store, items: Shown[], session: ReviewSession): Promise<void> {
  const stdin = process.stdin;
  emitKeypressEvents(stdin);
  const nextKey = (): Promise<string> =>
    new Promise((resolve) => {
      stdin.setRawMode(true);
      stdin.resume();
      stdin.once('keypress', (str: string | undefined, key: { ctrl?: boolean; name?: string }) => {
        stdin.setRawMode(false);
        stdin.pause();
        resolve(key.ctrl && key.name === 'c' ? 'q' : (str ?? ''));
      });
    });
  while (!session.done) {
    process.stdout.write(`\n${items[session.index]!.text}\n${HELP}\n> `);
    const key = await nextKey();
    process.stdout.write(`${printable(key)}\n`);
    let step = session.feed(key);
    if (step.kind === 'note-started') {
      const rl = createInterface({ input: stdin, output: process.stdout });
      step = session.feed(await rl.question('note: '));
      rl.close();
    }
    if (step.kind === 'unknown-key') process.stdout.write(`unknown key; ${HELP}\n`);
    const writes = session.flush();
    if (writes.length) await store.addVerdicts(writes);
  }
}

export function registerReview(program: Command): void {
  program
    .command('review')
    .description(
      'label stored responses by hand, one key per response (verdicts by human:NAME; nothing is overwritten)',
    )
    .argument('<runId>')
    .option('--reviewer <name>', 'your name, recorded as human:NAME (default $USER)')
    .option('--filter <key=value>', 'only responses with this label, topic or lang, e.g. label=deflected')
    .option(...DB_FLAG)
    .action(async (runId: string, flags: { reviewer?: string; filter?: string; db?: string }) => {
      if (!process.stdin.isTTY) throw new InputError('review needs a terminal (stdin is not a TTY)');
      const reviewer = flags.reviewer ?? process.env.USER;
      if (!reviewer) throw new InputError('--reviewer: no name given and $USER is not set');
      await withStore(flags.db, async (store) => {
        const items = await loadItems(store, runId, flags.filter);
        const session = new ReviewSession(items, printable(reviewer));
        await interactive(store, items, session);
        process.stdout.write(`reviewed as ${session.scorer}; ${items.length} responses in this selection\n`);
      });
    });
}
