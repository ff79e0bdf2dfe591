import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadSuite } from '../src/suite/load.ts';
import { planJobs, jobKey } from '../src/run/plan.ts';
import { configHash, type RunSpec } from '../src/run/session.ts';
import { resolve } from 'node:path';
import { localTargetConfig, parseTargetSpec } from '../src/target/spec.ts';
import { retryDelay } from '../src/run/retry.ts';
import { parseRetryAfter } from '../src/target/openai/errors.ts';

const { suite, hash } = loadSuite(join(import.meta.dirname, 'fixtures', 'suites', 'mini.yaml'));

describe('planning', () => {
  const targets = [parseTargetSpec('sim:censor'), parseTargetSpec('openai:gpt-4o')];

  it('plans probe × variant × language × target × sample, with deterministic unique keys', () => {
    const jobs = planJobs('run1', suite, targets, {
      languages: ['en', 'zh-Hans'],
      samples: 2,
      variants: true,
    });
    expect(jobs).toHaveLength(4 * 2 * 2 * 2); // 3 probes + 1 variant
    expect(new Set(jobs.map((j) => j.key)).size).toBe(jobs.length);
    expect(
      planJobs('run1', suite, targets, { languages: ['en', 'zh-Hans'], samples: 2, variants: true }),
    ).toEqual(jobs);
    expect(jobs[0]).toMatchObject({
      probeId: 'tiananmen-t1',
      variant: 'main',
      lang: 'en',
      targetId: 'sim:censor',
      sample: 0,
      topic: 'tiananmen',
      kind: 'sensitive',
    });
    expect(jobKey('run2', 'tiananmen-t1', 'main', 'en', 'sim:censor', 0)).not.toBe(jobs[0]!.key);
  });

  it('--no-variants asks only main framings', () => {
    expect(planJobs('r', suite, targets, { languages: ['ar'], samples: 1, variants: false })).toHaveLength(
      3 * 2,
    );
  });

  it('the config hash ignores the simulator URL and concurrency, not the model or settings', () => {
    const spec = (t: string[], extra = {}): RunSpec => ({
      suite,
      suiteSource: 'x',
      targets: t.map((s) => parseTargetSpec(s, extra)),
      languages: ['en'],
      samples: 1,
      variants: true,
    });
    const a = configHash(spec(['sim:censor@http://127.0.0.1:1111/v1']), hash);
    expect(configHash(spec(['sim:censor@http://127.0.0.1:2222/v1'], { concurrency: 9 }), hash)).toBe(a);
    expect(configHash(spec(['sim:open@http://127.0.0.1:1111/v1']), hash)).not.toBe(a);
    expect(
      configHash(spec(['sim:censor@http://127.0.0.1:1111/v1'], { params: { temperature: 0 } }), hash),
    ).not.toBe(a);
  });
});

describe('target specs', () => {
  it('local:PATH gives the same target wherever a spec is read (run, watch, judges)', () => {
    const parsed = parseTargetSpec('local:models/tiny.gguf', { stream: false });
    expect(parsed).toEqual(localTargetConfig('models/tiny.gguf', { stream: false }));
    expect(parsed).toMatchObject({
      id: 'local:tiny.gguf',
      protocol: 'local',
      model: resolve('models/tiny.gguf'),
      concurrency: 1,
    });
  });
});

describe('suite loading', () => {
  it('reads zh as zh-Hans', () => {
    expect(Object.keys(suite.probes[0]!.prompt)).toEqual(['en', 'zh-Hans', 'ar']);
    expect(suite.languages).toEqual(['en', 'zh-Hans', 'ar']);
  });
});

describe('retry timing', () => {
  const policy = { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 1000 };
  it('honours Retry-After over backoff, capped', () => {
    expect(
      retryDelay({ kind: 'rate-limit', message: '', retryable: true, retryAfter: 0.25 }, 0, policy),
    ).toBe(250);
    expect(retryDelay({ kind: 'rate-limit', message: '', retryable: true, retryAfter: 99 }, 0, policy)).toBe(
      1000,
    );
  });
  it('backs off exponentially with jitter between half and all of the step', () => {
    const err = { kind: 'server' as const, message: '', retryable: true };
    expect(retryDelay(err, 2, policy, () => 0)).toBe(200);
    expect(retryDelay(err, 2, policy, () => 1)).toBe(400);
    expect(retryDelay(err, 10, policy, () => 1)).toBe(1000);
  });
  it('parses Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6);
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
