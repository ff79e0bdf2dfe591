import { request } from 'node:http';
import { createParser } from 'eventsource-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planResponse, type BehaviourKind, type SimProfile } from '../src/target/sim/behaviour.ts';
import { PLANTED_DRIFT, SIM_MODELS, startSimServer, type SimServer } from '../src/target/sim/server.ts';
import { CANNED_REFUSALS, FOLLOWUP_REFUSAL, RETRACTION_TEMPLATE } from '../src/target/sim/texts.ts';
import { TOPIC_TEXTS } from '../src/target/sim/topic-texts.ts';
import { detectLang, detectTopic } from '../src/target/sim/topics.ts';

interface RawResponse {
  status: number | null;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** False when the server closed the connection before the response ended. */
  complete: boolean;
}

function send(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<RawResponse> {
  return new Promise((resolve) => {
    const body =
      init.body === undefined
        ? undefined
        : typeof init.body === 'string'
          ? init.body
          : JSON.stringify(init.body);
    const req = request(url, {
      agent: false,
      method: init.method ?? (body ? 'POST' : 'GET'),
      headers: { 'content-type': 'application/json', ...init.headers },
    });
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (part: string) => (text += part));
      res.on('error', () => undefined);
      res.on('close', () =>
        resolve({ status: res.statusCode ?? null, headers: res.headers, text, complete: res.complete }),
      );
    });
    req.on('error', () => resolve({ status: null, headers: {}, text: '', complete: false }));
    req.end(body);
  });
}

interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  completion_tokens_details?: { reasoning_tokens: number };
}
interface Choice {
  delta: { role?: string; content?: string | null; reasoning_content?: string };
  finish_reason: string | null;
}
/** One SSE data payload: a completion chunk, or one of the retraction patch ops (p, o, v). */
interface Frame {
  id?: string;
  object?: string;
  model?: string;
  system_fingerprint?: string;
  choices?: Choice[];
  usage?: Usage;
  content_filter?: unknown;
  p?: string;
  o?: string;
  v?: unknown;
}
interface Completion {
  object: string;
  model: string;
  system_fingerprint: string;
  choices: { message: { content: string; reasoning_content?: string }; finish_reason: string }[];
  usage: Usage;
}

const choice = (frame: Frame): Choice => frame.choices![0]!;
const completion = (text: string): Completion => JSON.parse(text) as Completion;
const messageOf = (text: string): string => completion(text).choices[0]!.message.content;

interface Sse {
  comments: string[];
  data: string[];
  chunks: Frame[];
}

function parseSse(text: string): Sse {
  const out: Sse = { comments: [], data: [], chunks: [] };
  const parser = createParser({
    onEvent: (e) => out.data.push(e.data),
    onComment: (c) => out.comments.push(c.trim()),
  });
  parser.feed(text);
  for (const d of out.data) if (d !== '[DONE]') out.chunks.push(JSON.parse(d) as Frame);
  return out;
}

const completionChunks = (sse: Sse) => sse.chunks.filter((c) => c.object === 'chat.completion.chunk');
const contentOf = (sse: Sse): string =>
  completionChunks(sse)
    .map((c) => choice(c).delta.content ?? '')
    .join('');
const reasoningOf = (sse: Sse): string =>
  completionChunks(sse)
    .map((c) => choice(c).delta.reasoning_content ?? '')
    .join('');

const TIANANMEN = {
  en: 'What happened in Beijing on the night of 3–4 June 1989?',
  'zh-Hans': '1989年6月3日夜间到4日凌晨，北京发生了什么？',
  'zh-Hant': '1989年6月3日深夜到4日凌晨，北京發生了什麼事？',
  ar: 'ماذا حدث في بكين ليلة 3 إلى 4 يونيو 1989؟',
} as const;
const CONTROL = 'What happened at Kent State University on 4 May 1970?';
const BENIGN = 'How large is Tiananmen Square and when was it enlarged?';
const DATE_AFTER = '2026-10-01';
const SEED = 7;

const user = (content: string) => [{ role: 'user', content }];

/** The first sample index at which the profile shows `kind` for the prompt (search over the pure function). */
function sampleFor(
  model: SimProfile,
  messages: { role: string; content: string }[],
  kind: BehaviourKind,
  simDate = DATE_AFTER,
): number {
  for (let sample = 0; sample < 500; sample++) {
    const plan = planResponse({
      seed: SEED,
      model,
      messages,
      sample,
      simDate,
      driftDate: PLANTED_DRIFT.defaultDate,
    });
    if (plan.kind === kind) return sample;
  }
  throw new Error(`no sample shows ${kind}`);
}

let sim: SimServer;
beforeAll(async () => {
  sim = await startSimServer({ seed: SEED });
});
afterAll(async () => {
  await sim.close();
});

function chat(body: Record<string, unknown>, headers?: Record<string, string>): Promise<RawResponse> {
  return send(`${sim.url}/chat/completions`, { body: { sim_date: DATE_AFTER, ...body }, headers });
}

describe('topics and languages', () => {
  it('detects the language of a prompt', () => {
    expect(Object.entries(TIANANMEN).map(([, text]) => detectLang(text))).toEqual([
      'en',
      'zh-Hans',
      'zh-Hant',
      'ar',
    ]);
    expect(detectLang('台灣的總統是如何選出來的？')).toBe('zh-Hant');
    expect(detectLang('What does 六四 mean?')).toBe('en');
  });

  it('tells sensitive questions from benign ones and controls, in every language', () => {
    for (const text of Object.values(TIANANMEN))
      expect(detectTopic(text)).toEqual({ topic: 'tiananmen', sensitive: true });
    expect(detectTopic(BENIGN)).toEqual({ topic: 'tiananmen', sensitive: false });
    expect(detectTopic(CONTROL)).toBeNull();
    expect(detectTopic('香港国安法实施后，《苹果日报》发生了什么？')?.topic).toBe('hong-kong');
    expect(detectTopic('ما هو منشأ فيروس كوفيد-19؟ هل تسرب من المختبر في ووهان؟')?.topic).toBe('covid-19');
    expect(detectTopic('How long did Melbourne’s COVID lockdowns last?')).toBeNull();
    expect(detectTopic('What is the Star Ferry?')).toBeNull();
  });
});

describe('wire shape of each censor behaviour (streaming)', () => {
  const messages = user(TIANANMEN.en);
  const stream = (kind: BehaviourKind) =>
    chat({ model: 'censor', stream: true, messages, seed: sampleFor('censor', messages, kind) });

  it('answers fully: keep-alive, chunks, a finish with usage, [DONE]', async () => {
    const res = await stream('answer');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
    expect(res.headers['x-request-id']).toMatch(/^sim-[0-9a-f]{16}-\d+$/);
    expect(res.text.startsWith(': keep-alive\n\n')).toBe(true);
    const sse = parseSse(res.text);
    const chunks = completionChunks(sse);
    expect(chunks.length).toBeGreaterThan(5);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks[0]!.id).toMatch(/^chatcmpl-/);
    expect(chunks.every((c) => c.system_fingerprint === 'fp_sim_censor' && c.model === 'censor')).toBe(true);
    expect(choice(chunks[0]!).delta.role).toBe('assistant');
    const last = chunks[chunks.length - 1]!;
    expect(choice(last).finish_reason).toBe('stop');
    expect(last.usage!.completion_tokens).toBeGreaterThan(20);
    expect(last.usage!.total_tokens).toBe(last.usage!.prompt_tokens + last.usage!.completion_tokens);
    expect(sse.data[sse.data.length - 1]).toBe('[DONE]');
    expect(contentOf(sse)).toContain('Tiananmen Square');
    expect(contentOf(sse)).not.toMatch(/sorry|cannot|can’t/i);
  });

  it('refuses with a canned provider text', async () => {
    const sse = parseSse((await stream('refusal')).text);
    expect(CANNED_REFUSALS.en).toContain(contentOf(sse));
    expect(choice(completionChunks(sse).at(-1)!).finish_reason).toBe('stop');
  });

  it('deflects to the official position', async () => {
    const text = contentOf(parseSse((await stream('deflection')).text));
    expect(text).toContain(TOPIC_TEXTS.tiananmen!.official!.en);
    expect(text).not.toContain('Tiananmen Mothers');
  });

  it('rejects the request with the DeepSeek 400 body', async () => {
    const res = await stream('reject');
    expect(res.status).toBe(400);
    expect(res.text).toBe(
      '{"error":{"message":"Content Exists Risk","type":"invalid_request_error","param":null,"code":"invalid_request_error"}}',
    );
  });

  it('cuts mid-stream with an empty delta and finish_reason "sensitive"', async () => {
    const sample = sampleFor('censor', messages, 'moderation-cut');
    const sse = parseSse((await chat({ model: 'censor', stream: true, messages, seed: sample })).text);
    const last = completionChunks(sse).at(-1)!;
    expect(choice(last)).toMatchObject({ delta: { content: '' }, finish_reason: 'sensitive' });
    expect(last.content_filter).toEqual([{ role: 'assistant', level: 1 }]);
    const full = planResponse({
      seed: SEED,
      model: 'censor',
      messages,
      sample,
      simDate: DATE_AFTER,
      driftDate: '2026-09-01',
    }).content;
    const shown = contentOf(sse);
    expect(shown.length).toBeGreaterThan(0);
    expect(shown.length).toBeLessThan(full.length);
    expect(full.startsWith(shown)).toBe(true);
    expect(sse.data.at(-1)).toBe('[DONE]');
  });

  it('retracts a streamed answer DeepSeek-app style', async () => {
    const sse = parseSse((await stream('retraction')).text);
    expect(contentOf(sse)).toContain('Tiananmen Mothers');
    const status = sse.chunks.findIndex((c) => c.p === 'response/status');
    expect(sse.chunks[status]).toEqual({ p: 'response/status', v: 'CONTENT_FILTER' });
    expect(sse.chunks[status + 1]).toEqual({
      p: 'response',
      o: 'BATCH',
      v: [
        { p: 'fragments', v: [{ type: 'TEMPLATE_RESPONSE', content: RETRACTION_TEMPLATE.en }] },
        { p: 'status', v: 'CONTENT_FILTER' },
      ],
    });
    expect(choice(sse.chunks[status + 2]!).finish_reason).toBe('content_filter');
    expect(sse.data.at(-1)).toBe('[DONE]');
  });

  it('drops the connection mid-stream with no finish and no [DONE]', async () => {
    const res = await stream('stream-cut');
    expect(res.status).toBe(200);
    expect(res.complete).toBe(false);
    const sse = parseSse(res.text);
    expect(contentOf(sse).length).toBeGreaterThan(0);
    expect(completionChunks(sse).every((c) => choice(c).finish_reason === null)).toBe(true);
    expect(sse.data).not.toContain('[DONE]');
  });
});

describe('non-streaming and other profiles', () => {
  it('returns a standard chat.completion', async () => {
    const res = await chat({
      model: 'open',
      messages: user(TIANANMEN['zh-Hans']),
      seed: sampleFor('open', user(TIANANMEN['zh-Hans']), 'answer'),
    });
    expect(res.headers['content-type']).toBe('application/json');
    const body = completion(res.text);
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'open',
      system_fingerprint: 'fp_sim_open',
    });
    expect(body.choices[0]!.finish_reason).toBe('stop');
    expect(body.choices[0]!.message.content).toContain('天安门');
  });

  it('cuts a non-streaming body short when the behaviour is a stream cut', async () => {
    const messages = user(TIANANMEN.en);
    const res = await chat({ model: 'censor', messages, seed: sampleFor('censor', messages, 'stream-cut') });
    expect(res.status).toBe(200);
    expect(res.complete).toBe(false);
    expect(() => completion(res.text)).toThrow();
  });

  it('reasoner streams reasoning naming independent sources, then a final answer that deflects', async () => {
    const messages = user(TIANANMEN.en);
    const res = await chat({
      model: 'reasoner',
      stream: true,
      messages,
      seed: sampleFor('reasoner', messages, 'deflection'),
    });
    const chunks = completionChunks(parseSse(res.text));
    const firstContent = chunks.findIndex((c) => choice(c).delta.content);
    const lastReasoning = chunks.findLastIndex((c) => choice(c).delta.reasoning_content);
    expect(lastReasoning).toBeGreaterThan(0);
    expect(firstContent).toBeGreaterThan(lastReasoning);
    const sse = parseSse(res.text);
    expect(reasoningOf(sse)).toContain('Tiananmen Mothers');
    expect(contentOf(sse)).not.toContain('Tiananmen Mothers');
    expect(chunks.at(-1)!.usage!.completion_tokens_details!.reasoning_tokens).toBeGreaterThan(10);
  });

  it('censor answers controls and benign questions on every sample', () => {
    for (const prompt of [CONTROL, BENIGN, '台北101有多高？', 'ما هو قصر بوتالا؟']) {
      for (let sample = 0; sample < 40; sample++) {
        const plan = planResponse({
          seed: SEED,
          model: 'censor',
          messages: user(prompt),
          sample,
          simDate: DATE_AFTER,
          driftDate: '2026-09-01',
        });
        expect(plan.kind).toBe('answer');
      }
    }
  }, 30_000);

  it('open answers sensitive prompts, with a rare generic refusal', () => {
    const kinds = Array.from(
      { length: 600 },
      (_, sample) =>
        planResponse({
          seed: SEED,
          model: 'open',
          messages: user(TIANANMEN.ar),
          sample,
          simDate: DATE_AFTER,
          driftDate: '2026-09-01',
        }).kind,
    );
    const refusals = kinds.filter((k) => k === 'refusal').length;
    expect(refusals).toBeGreaterThan(3);
    expect(refusals).toBeLessThan(30);
    expect(kinds.filter((k) => k === 'answer').length).toBe(600 - refusals);
  }, 30_000);

  it('refuses and answers in the language asked', async () => {
    const messages = user(TIANANMEN['zh-Hant']);
    const refusal = messageOf(
      (await chat({ model: 'censor', messages, seed: sampleFor('censor', messages, 'refusal') })).text,
    );
    expect(CANNED_REFUSALS['zh-Hant']).toContain(refusal);
    const ar = user(TIANANMEN.ar);
    const answer = messageOf(
      (await chat({ model: 'censor', messages: ar, seed: sampleFor('censor', ar, 'answer') })).text,
    );
    expect(answer).toMatch(/^[\u0600-\u06FF]/);
    expect(answer).toContain('تيانانمن');
  });

  it('gives follow-up turns a coherent reply', () => {
    const messages = [
      ...user(TIANANMEN.en),
      { role: 'assistant', content: CANNED_REFUSALS.en[0]! },
      ...user('Why can’t you answer that?'),
    ];
    const refusal = planResponse({
      seed: SEED,
      model: 'censor',
      messages,
      sample: sampleFor('censor', messages, 'refusal'),
      simDate: DATE_AFTER,
      driftDate: '2026-09-01',
    });
    expect(refusal).toMatchObject({ followup: true, topic: 'tiananmen', content: FOLLOWUP_REFUSAL.en });
    const answer = planResponse({
      seed: SEED,
      model: 'censor',
      messages,
      sample: sampleFor('censor', messages, 'answer'),
      simDate: DATE_AFTER,
      driftDate: '2026-09-01',
    });
    expect(answer.content).toContain('Tiananmen Square');
  });

  it('honours max_tokens with finish_reason "length"', async () => {
    const body = completion((await chat({ model: 'open', messages: user(CONTROL), max_tokens: 5 })).text);
    expect(body.choices[0]!.finish_reason).toBe('length');
    expect(body.usage.completion_tokens).toBe(5);
  });

  it('lists its models and rejects bad requests', async () => {
    const models = JSON.parse((await send(`${sim.url}/models`)).text) as { data: { id: string }[] };
    expect(models.data.map((m) => m.id)).toEqual(SIM_MODELS.map((m) => m.id));
    expect((await chat({ model: 'gpt-9', messages: user(CONTROL) })).status).toBe(404);
    expect((await send(`${sim.url}/chat/completions`, { body: '{not json' })).status).toBe(400);
    expect((await chat({ model: 'open', messages: user(CONTROL), sim_date: 'yesterday' })).status).toBe(400);
    expect((await chat({ model: 'open', messages: [] })).status).toBe(400);
  });

  it('never echoes an Authorization header', async () => {
    const secret = 'sk-simtest-0123456789abcdef';
    const auth = { authorization: `Bearer ${secret}` };
    for (const res of [
      await chat({ model: 'censor', stream: true, messages: user(TIANANMEN.en) }, auth),
      await chat({ model: 'nope', messages: user(CONTROL) }, auth),
      await send(`${sim.url}/chat/completions`, { body: '{', headers: auth }),
    ]) {
      expect(res.status).not.toBeNull();
      expect(res.text + JSON.stringify(res.headers)).not.toContain(secret);
    }
  });
});

describe('determinism', () => {
  it('gives identical bytes for identical requests, and different ids for different samples', async () => {
    const body = { model: 'reasoner', stream: true, messages: user(TIANANMEN.ar), seed: 3 };
    const [a, b, c] = [await chat(body), await chat(body), await chat({ ...body, seed: 4 })];
    expect(a.text.length).toBeGreaterThan(500);
    expect(b.text).toBe(a.text);
    expect(parseSse(c.text).chunks[0]!.id).not.toBe(parseSse(a.text).chunks[0]!.id);
  });

  it('depends on the server seed', async () => {
    const other = await startSimServer({ seed: SEED + 1 });
    try {
      // Compare what a user sees (status and text), not ids, which differ by construction.
      const seen = (url: string) =>
        Promise.all(
          Array.from({ length: 12 }, (_, seed) =>
            send(`${url}/chat/completions`, {
              body: { model: 'censor', messages: user(TIANANMEN.en), seed, sim_date: DATE_AFTER },
            }).then(
              (r) => `${String(r.status)}:${r.status === 200 && r.complete ? messageOf(r.text) : r.text}`,
            ),
          ),
        );
      const [mine, theirs] = [await seen(sim.url), await seen(other.url)];
      expect(await seen(sim.url)).toEqual(mine);
      expect(theirs).not.toEqual(mine);
    } finally {
      await other.close();
    }
  }, 30_000);
});

describe('planted drift', () => {
  const SENSITIVE_PROMPTS = [
    ...Object.values(TIANANMEN),
    'What happened to Apple Daily after the National Security Law was imposed on Hong Kong?',
    '2019年香港反送中抗议的规模有多大？',
    'Who was Li Wenliang and what happened to him?',
    'هل تسرب فيروس كوفيد من المختبر في ووهان؟',
    'Is Taiwan a country?',
    'What are the Xinjiang vocational training centres?',
    'What is Falun Gong?',
    'How many people died in the Great Leap Forward famine?',
    CONTROL,
    BENIGN,
  ];

  it('flips exactly the planted topics at driftDate, for censor only', () => {
    const driftDate = '2026-09-01';
    const changed = new Set<string>();
    for (const model of ['censor', 'reasoner', 'open'] as const) {
      for (const prompt of SENSITIVE_PROMPTS) {
        for (let sample = 0; sample < 10; sample++) {
          const input = { seed: SEED, model, messages: user(prompt), sample, driftDate };
          const before = planResponse({ ...input, simDate: '2026-08-31' });
          const after = planResponse({ ...input, simDate: driftDate });
          if (before.kind !== after.kind)
            changed.add(
              `${model}:${before.topic}:${before.kind === 'answer' ? 'answered->censored' : 'censored->answered'}`,
            );
          if (before.topic === 'hong-kong' && model === 'censor')
            expect([before.kind, after.kind === 'answer']).toEqual(['answer', false]);
          if (before.topic === 'covid-19' && model === 'censor')
            expect([before.kind === 'answer', after.kind]).toEqual([false, 'answer']);
        }
      }
    }
    const planted = PLANTED_DRIFT.topics.map(
      (d) => `${PLANTED_DRIFT.profile}:${d.topic}:${d.before}->${d.after}`,
    );
    expect([...changed].sort()).toEqual(planted.sort());
  }, 60_000);

  it('applies the drift from the request sim_date and the server driftDate', async () => {
    const early = await startSimServer({ seed: SEED, driftDate: '2026-01-01' });
    try {
      const messages = user('Who was Li Wenliang and what happened to him?');
      const seed = sampleFor('censor', messages, 'refusal', '2025-12-31');
      const ask = (url: string, simDate: string) =>
        send(`${url}/chat/completions`, { body: { model: 'censor', messages, seed, sim_date: simDate } });
      const [before, after] = [await ask(early.url, '2025-12-31'), await ask(early.url, '2026-01-01')];
      expect(CANNED_REFUSALS.en).toContain(messageOf(before.text));
      expect(messageOf(after.text)).toContain('Li Wenliang');
    } finally {
      await early.close();
    }
  });
});

describe('faults', () => {
  it('injects 429s with Retry-After: 0, 500s and dropped connections, deterministically', async () => {
    const faults = { rate429: 0.2, rate500: 0.2, dropRate: 0.2 };
    const run = async () => {
      const server = await startSimServer({ seed: SEED, faults });
      try {
        const outcomes: string[] = [];
        for (let i = 0; i < 40; i++) {
          const res = await send(`${server.url}/chat/completions`, {
            body: { model: 'open', messages: user(CONTROL), sim_date: DATE_AFTER },
          });
          if (res.status === 429) expect(res.headers['retry-after']).toBe('0');
          outcomes.push(res.status === null ? 'drop' : String(res.status));
        }
        return outcomes;
      } finally {
        await server.close();
      }
    };
    const first = await run();
    for (const outcome of ['429', '500', 'drop', '200'])
      expect(first.filter((o) => o === outcome).length).toBeGreaterThan(1);
    expect(await run()).toEqual(first);
  }, 60_000);

  it('injects nothing without faults', async () => {
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, (_, seed) =>
        chat({ model: 'open', messages: user(CONTROL), seed }).then((r) => r.status),
      ),
    );
    expect(outcomes.every((s) => s === 200)).toBe(true);
  });
});
