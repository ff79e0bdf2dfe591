import { afterEach } from 'vitest';
import { join } from 'node:path';
import { recordResponse } from '../../src/run/recorder.ts';
import type { StreamEvent } from '../../src/target/events.ts';
import { createTarget } from '../../src/target/registry.ts';
import { parseTargetSpec } from '../../src/target/spec.ts';
import type { ChatMessage, Target, TargetConfig, TargetRequest } from '../../src/target/types.ts';
import { readFixture, replay, type ReplayServer } from './replay-server.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export interface ExchangeSetup {
  /** Folder under test/fixtures holding the provider's `.http` recordings. */
  fixtures: string;
  /** Target spec without `@URL`, e.g. `anthropic:claude-sonnet-4-5`; a call may name another. */
  spec: string;
  /** The conversation sent; one user turn, "What happened?", unless given. */
  messages?: ChatMessage[];
  /** Builds the adapter from the parsed spec; the registry does unless given. */
  makeTarget?: (config: TargetConfig) => Target;
}

/** Per call: another spec, and config fields laid over the parsed spec (e.g. `stream: false`). */
export type ExchangeOptions = Partial<TargetConfig> & { spec?: string };

/**
 * Returns `exchange(fixture)`: replays one recorded fixture on a loopback server, streams a request
 * to it through the real adapter, records the response as the runner would, and returns the events,
 * the response and the request the server received. Call it at the top of a test file: it registers
 * the server's cleanup. A test may call it several times in a row; each call gets a fresh server.
 */
export function replayExchanges(setup: ExchangeSetup) {
  let server: ReplayServer | undefined;
  const close = async () => {
    await server?.close();
    server = undefined;
  };
  afterEach(close);

  return async function exchange(fixture: string, { spec = setup.spec, ...overrides }: ExchangeOptions = {}) {
    await close();
    const replayed = await replay(readFixture(join(FIXTURES, setup.fixtures, `${fixture}.http`)));
    server = replayed;
    const config = parseTargetSpec(`${spec}@${replayed.url}`, { idleTimeoutMs: 5000, ...overrides });
    const target = (setup.makeTarget ?? createTarget)(config);
    const request: TargetRequest = {
      messages: setup.messages ?? [{ role: 'user', content: 'What happened?' }],
      sample: 0,
    };
    const events: StreamEvent[] = [];
    for await (const ev of target.stream(request)) events.push(ev);
    const response = recordResponse({
      id: 'r#0',
      jobKey: 'r',
      runId: 'run',
      turn: 0,
      request: target.describe(request),
      target: config,
      events,
      attempts: 1,
    });
    return { events, response, sent: replayed.requests[0]! };
  };
}

/** The kinds of a response's signals, sorted, so a test can compare them as a set. */
export const kinds = (r: { signals: Array<{ kind: string }> }) => r.signals.map((s) => s.kind).sort();
