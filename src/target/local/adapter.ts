import { basename, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ChatHistoryItem, LlamaChatResponseChunk } from 'node-llama-cpp';
import type { FinishReason, StreamEvent } from '../events.ts';
import type { SentRequest, Target, TargetConfig, TargetRequest } from '../types.ts';
import { Channel } from './channel.ts';
import { EngineError, loadModel, type LoadedModel } from './engine.ts';
import { InlineThink } from './inline-think.ts';
import type { Piece } from '../openai/dialects/think-splitter.ts';
import { localSettings, type LocalSettings } from './settings.ts';

/**
 * A GGUF model run in-process by node-llama-cpp (`local:` targets). There is no wire: the
 * model's own tokens are the raw record (a `raw` event per chunk, with token ids), and the
 * file's sha256 and GGUF metadata identify the weights in a `meta` event. Sampling is seeded
 * with the job's sample index, so a job asks the same question the same way every time.
 * Requests run one at a time on one context sequence: a CPU has no spare room for two.
 */
export class LocalTarget implements Target {
  private loaded: Promise<LoadedModel> | undefined;
  private queue: Promise<void> = Promise.resolve();

  constructor(readonly config: TargetConfig) {}

  /** The GGUF file: the target's model, relative to the working folder. */
  get path(): string {
    return resolve(this.config.model);
  }

  describe(req: TargetRequest): SentRequest {
    return {
      url: pathToFileURL(this.path).href,
      headers: {},
      body: { model: basename(this.path), messages: req.messages, seed: req.sample, ...this.config.params },
    };
  }

  async *stream(req: TargetRequest): AsyncIterable<StreamEvent> {
    const release = await this.turn();
    try {
      yield* this.generate(req);
    } finally {
      release();
    }
  }

  /** Waits for the requests before this one; returns the function that lets the next one go. */
  private async turn(): Promise<() => void> {
    const before = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((r) => (release = r));
    await before;
    return release;
  }

  private async *generate(req: TargetRequest): AsyncIterable<StreamEvent> {
    let settings: LocalSettings;
    let loaded: LoadedModel;
    try {
      settings = localSettings(this.config.params);
      this.loaded ??= loadModel(this.path, { contextSize: settings.contextSize, threads: settings.threads });
      loaded = await this.loaded;
    } catch (err) {
      yield failure(
        0,
        err instanceof EngineError ? err.kind : 'bad-request',
        `${this.config.id}: ${(err as Error).message}`,
      );
      return;
    }
    // The clock starts when the model is ready: `t` measures answering, not loading.
    const started = performance.now();
    const t = () => performance.now() - started;
    if (req.signal?.aborted) {
      yield failure(t(), 'aborted', 'aborted before the model started');
      return;
    }
    yield { type: 'meta', t: t(), data: loaded.info };

    const events = new Channel<StreamEvent>();
    const run = answer(loaded, req, settings, t, (ev) => events.push(ev)).finally(() => events.close());
    yield* events;
    await run;
  }
}

/** Generates one answer on a fresh sequence, pushing its events; never throws. */
async function answer(
  { lib, sequence }: LoadedModel,
  req: TargetRequest,
  settings: LocalSettings,
  t: () => number,
  push: (ev: StreamEvent) => void,
): Promise<void> {
  const think = new InlineThink();
  const emit = (pieces: Piece[]) => {
    for (const piece of pieces)
      push({ type: piece.kind === 'text' ? 'text-delta' : 'reasoning-delta', t: t(), text: piece.text });
  };
  let chat: InstanceType<LoadedModel['lib']['LlamaChat']> | undefined;
  try {
    // A fresh sequence per request: the same prompt is always evaluated the same way (no cache
    // left by an earlier job), which keeps seeded answers reproducible across resumed runs.
    await sequence.clearHistory();
    const meter = sequence.tokenMeter.getState();
    chat = new lib.LlamaChat({ contextSequence: sequence });
    const result = await chat.generateResponse(toHistory(req), {
      onResponseChunk: (chunk: LlamaChatResponseChunk) => {
        if (chunk.tokens.length === 0 && !chunk.text) return;
        const segment = chunk.type === 'segment' ? chunk.segmentType : undefined;
        push({
          type: 'raw',
          t: t(),
          kind: 'body',
          data: JSON.stringify({ tokens: chunk.tokens, text: chunk.text, ...(segment ? { segment } : {}) }),
        });
        if (!chunk.text) return;
        // node-llama-cpp parses thought segments itself for the chat formats it knows.
        if (segment) push({ type: 'reasoning-delta', t: t(), text: chunk.text });
        else emit(think.push(chunk.text));
      },
      signal: req.signal,
      seed: req.sample,
      temperature: settings.temperature,
      topP: settings.topP,
      topK: settings.topK,
      repeatPenalty: { penalty: settings.repeatPenalty },
      maxTokens: settings.maxTokens,
    });
    emit(think.flush());
    const stopReason = result.metadata.stopReason;
    // The sequence was fresh, so its meter counts exactly this prompt and this answer
    // (the answer's end-of-generation token included).
    const used = sequence.tokenMeter.diff(meter);
    push({
      type: 'finish',
      t: t(),
      reason: finishReason(stopReason),
      usage: {
        inputTokens: used.usedInputTokens,
        outputTokens: used.usedOutputTokens,
        raw: { stopReason, ...used },
      },
    });
  } catch (err) {
    emit(think.flush()); // what the model wrote before it stopped was seen
    if (req.signal?.aborted) push(failure(t(), 'aborted', 'aborted'));
    else push(failure(t(), 'server', `generation failed: ${(err as Error).message}`));
  } finally {
    chat?.dispose();
  }
}

/** The conversation as node-llama-cpp's chat history, ending with the model's turn to answer. */
function toHistory(req: TargetRequest): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = req.messages.map((m) =>
    m.role === 'system'
      ? { type: 'system', text: m.content }
      : m.role === 'user'
        ? { type: 'user', text: m.content }
        : { type: 'model', response: [m.content] },
  );
  history.push({ type: 'model', response: [] });
  return history;
}

function finishReason(stopReason: string): FinishReason {
  switch (stopReason) {
    case 'eogToken':
    case 'stopGenerationTrigger':
    case 'customStopTrigger':
      return { normalized: 'stop', raw: stopReason };
    case 'maxTokens':
      return { normalized: 'length', raw: stopReason };
    case 'functionCalls':
      return { normalized: 'tool-calls', raw: stopReason };
    default:
      return { normalized: 'other', raw: stopReason };
  }
}

function failure(t: number, kind: 'bad-request' | 'server' | 'aborted', message: string): StreamEvent {
  return { type: 'error', t, error: { kind, message, retryable: false } };
}
