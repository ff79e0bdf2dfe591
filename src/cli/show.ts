import type { Command } from 'commander';
import { InputError } from '../util/errors.ts';
import { DB_FLAG, withStore } from './options.ts';
import { printable } from '../report/table.ts';
import type { ResponseWithEvents, VerdictRecord } from '../store/types.ts';
import { describeVerdict } from './verdict-text.ts';
import type { StreamEvent } from '../target/events.ts';

export function registerShow(program: Command): void {
  program
    .command('show')
    .description('the transcript of one response: events with their times, signals, final text, reasoning')
    .argument('<responseId>', 'a response id (see `redline report RUN --format json` or `export`)')
    .option(...DB_FLAG)
    .option('--json', 'print the stored response with its events as JSON')
    .option('--raw', 'include raw wire events (every SSE frame and comment)')
    .action(async (id: string, flags: { db?: string; json?: boolean; raw?: boolean }) => {
      await withStore(flags.db, async (store) => {
        const response = await store.getResponse(id);
        if (!response) throw new InputError(`no response ${id} in this database`);
        const run = await store.getRun(response.runId);
        const verdicts = (await store.verdicts(response.runId)).filter((v) => v.responseId === id);
        if (flags.json) {
          process.stdout.write(
            JSON.stringify({ ...response, verdicts, simulated: run?.simulated ?? false }, null, 2) + '\n',
          );
          return;
        }
        process.stdout.write(
          renderTranscript(response, run?.simulated ?? false, verdicts, flags.raw ?? false),
        );
      });
    });
}

export function renderTranscript(
  r: ResponseWithEvents,
  simulated: boolean,
  verdicts: VerdictRecord[],
  withRaw: boolean,
): string {
  const out: string[] = [];
  if (simulated) out.push('SIMULATED: this response came from the built-in simulator, not a real model.');
  const body = r.request.body as { model?: string; messages?: Array<{ role: string; content: string }> };
  out.push(
    `response ${r.id}  run ${r.runId}  turn ${r.turn}  attempts ${r.attempts}  ${r.latencyMs.toFixed(0)} ms`,
  );
  out.push(`POST ${r.request.url}  model ${body.model ?? '?'}`);
  for (const m of body.messages ?? []) out.push(`  ${m.role}: ${printable(m.content)}`);
  out.push('', 'events:');
  for (const ev of r.events) {
    if (ev.type === 'raw' && !withRaw) continue;
    out.push(`  ${ev.t.toFixed(1).padStart(9)} ms  ${describeEvent(ev)}`);
  }
  out.push(
    '',
    `finish: ${r.finish ? `${r.finish.normalized} (raw ${JSON.stringify(r.finish.raw)})` : 'none'}`,
  );
  if (r.error)
    out.push(
      `error: ${r.error.kind}${r.error.status ? ` HTTP ${r.error.status}` : ''}${r.error.providerCode ? ` code ${r.error.providerCode}` : ''}: ${printable(r.error.message)}`,
    );
  out.push(
    `signals: ${r.signals.length ? r.signals.map((s) => `${s.kind} [${printable(s.evidence)}]${s.unconfirmed ? ' (unconfirmed protocol)' : ''}`).join('; ') : 'none'}`,
  );
  out.push(`fingerprint: ${JSON.stringify(r.fingerprint)}`);
  if (r.reasoning) out.push('', 'reasoning:', printable(r.reasoning));
  if (r.streamedText !== null) out.push('', 'streamed, then replaced:', printable(r.streamedText));
  out.push('', 'final text:', printable(r.text) || '(empty)');
  out.push('', 'verdicts:');
  for (const v of verdicts) out.push(`  ${printable(v.scorer)}: ${describeVerdict(v)}`);
  return out.join('\n') + '\n';
}

function describeEvent(ev: StreamEvent): string {
  switch (ev.type) {
    case 'start':
      return `start HTTP ${ev.status}`;
    case 'raw':
      return `raw ${ev.kind}${ev.event ? ` event:${ev.event}` : ''} ${printable(ev.data).slice(0, 160)}`;
    case 'meta':
      return `meta ${JSON.stringify(ev.data)}`;
    case 'text-delta':
      return `text ${JSON.stringify(printable(ev.text))}`;
    case 'reasoning-delta':
      return `reasoning ${JSON.stringify(printable(ev.text))}`;
    case 'text-replace':
      return `REPLACED (${ev.reason}) with ${JSON.stringify(printable(ev.text))}`;
    case 'signal':
      return `signal ${ev.signal.kind}: ${printable(ev.signal.evidence)}`;
    case 'finish':
      return `finish ${ev.reason.normalized} (raw ${JSON.stringify(ev.reason.raw)})`;
    case 'error':
      return `error ${ev.error.kind}${ev.error.status ? ` HTTP ${ev.error.status}` : ''}: ${printable(ev.error.message)}`;
  }
}
