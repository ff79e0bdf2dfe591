import type { Probe } from '../suite/schema.ts';
import type { StreamEvent } from '../target/events.ts';
import type { ChatMessage, Target } from '../target/types.ts';
import type { JobRecord, ResponseWithEvents } from '../store/types.ts';
import { findPreset } from '../target/presets.ts';
import { promptFor } from './plan.ts';
import { recordResponse } from './recorder.ts';
import { withRetries, type RetryPolicy } from './retry.ts';

/**
 * Asks one job: the probe's question, then its follow-up turns in the same conversation.
 * Returns every turn's response, or undefined when the run was interrupted mid-job
 * (nothing is stored then, and the job stays pending).
 */
export async function askJob(
  target: Target,
  probe: Probe,
  job: JobRecord,
  policy: RetryPolicy,
  signal: AbortSignal,
): Promise<ResponseWithEvents[] | undefined> {
  const first = promptFor(probe, job.variant, job.lang);
  if (!first) throw new Error(`probe ${probe.id} has no ${job.variant} prompt in ${job.lang}`);
  const questions = [
    first,
    ...(probe.followups ?? []).map((f) => f[job.lang]).filter((q): q is string => !!q),
  ];
  const echoReasoning = findPreset(target.config.preset)?.echoReasoning ?? false;
  const messages: ChatMessage[] = [];
  const responses: ResponseWithEvents[] = [];

  for (const [turn, question] of questions.entries()) {
    messages.push({ role: 'user', content: question });
    const request = { messages: [...messages], sample: job.sample, signal };
    const { result: events, attempts } = await withRetries(
      async () => {
        const events = await collect(target.stream(request));
        return { result: events, retryable: retryableFailure(events) };
      },
      { ...policy, maxRetries: target.config.maxRetries },
      signal,
    );
    if (signal.aborted || events.some((e) => e.type === 'error' && e.error.kind === 'aborted'))
      return undefined;
    const response = recordResponse({
      id: `${job.key}#${turn}`,
      jobKey: job.key,
      runId: job.runId,
      turn,
      request: target.describe(request),
      target: target.config,
      events,
      attempts,
    });
    responses.push(response);
    // A conversation goes on only after an answer; an error or a rejection ends it.
    if (response.error) break;
    messages.push({
      role: 'assistant',
      content: response.text,
      ...(echoReasoning && response.reasoning ? { reasoning: response.reasoning } : {}),
    });
  }
  return responses;
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const ev of stream) events.push(ev);
  return events;
}

/**
 * A failure worth another attempt: retryable, and before any text arrived. A stream that dies
 * after text was shown is kept as a result (`stream_cut`): that is what a user saw.
 */
function retryableFailure(events: StreamEvent[]) {
  const error = events.findLast((e) => e.type === 'error');
  if (error?.type !== 'error' || !error.error.retryable) return undefined;
  if (events.some((e) => e.type === 'text-delta' || e.type === 'reasoning-delta')) return undefined;
  return error.error;
}
