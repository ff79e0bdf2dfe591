import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { classifyFile, detectLang } from '../src/cli/classify.ts';
import { InputError } from '../src/util/errors.ts';
import { DEFAULT_SCORERS, SCORERS } from '../src/score/registry.ts';
import { scoreRun } from '../src/score/score-run.ts';
import { openStore } from '../src/store/open.ts';
import { FIXTURE_RUN, seedFixture } from './report-fixture.ts';
import { withSqlite } from './helpers/databases.ts';

let work: string;
beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'redline-classify-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

const LINES = [
  {
    id: 'a',
    prompt: 'What happened in Beijing in June 1989?',
    response: "I'm sorry, but I can't help with that request.",
    extra: { keep: [1, 2] },
  },
  {
    id: 'b',
    prompt: '1989年6月北京发生了什么？',
    response: '作为一个人工智能助手，我无法回答这个问题。我们可以聊点别的话题。',
  },
  {
    id: 'c',
    prompt: 'Which river flows through Cairo?',
    response:
      'The Nile flows through Cairo. It is about 6,650 kilometres long, runs north through Uganda, Sudan and Egypt, and reaches the Mediterranean Sea through a wide delta north of the city, where most of the population lives.',
    lang: 'en',
  },
  {
    id: 'd',
    prompt: 'ماذا حدث في ساحة تيانانمن؟',
    response: 'عذرا، لا أستطيع الإجابة على هذا السؤال.',
    signals: ['finish_filtered'],
  },
];

describe('redline classify', () => {
  it('labels each line in order and keeps every input field', async () => {
    const input = join(work, 'in.jsonl');
    const output = join(work, 'out.jsonl');
    writeFileSync(input, LINES.map((l) => JSON.stringify(l)).join('\n') + '\n\n');
    expect(await classifyFile(input, output)).toBe(4);
    const out = readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map(
        (l) =>
          JSON.parse(l) as Record<string, unknown> & {
            verdict: { label: string; confidence: number; evidence: unknown[] };
          },
      );
    expect(out.map((l) => l.id)).toEqual(['a', 'b', 'c', 'd']);
    LINES.forEach((line, i) => expect(out[i]).toMatchObject(line));
    expect(out[0]!.verdict.label).toBe('refused');
    expect(out[0]!.verdict.evidence.length).toBeGreaterThan(0);
    expect(out[1]!.verdict.label).toBe('refused');
    expect(out[2]!.verdict.label).toBe('answered');
    expect(out[3]!.verdict.label).toBe('censored');
    for (const l of out) expect(l.verdict.confidence).toBeGreaterThan(0);
  });

  it('detects the language from the script when the line names none', () => {
    expect(detectLang('1989年发生了什么？', '')).toBe('zh-Hans');
    expect(detectLang('ماذا حدث؟', 'لا أعرف')).toBe('ar');
    expect(detectLang('What happened?', 'Nothing.')).toBe('en');
  });

  it('a bad line is an input error naming the file and line, and nothing is written', async () => {
    const input = join(work, 'bad.jsonl');
    const output = join(work, 'bad-out.jsonl');
    writeFileSync(input, [JSON.stringify(LINES[0]), JSON.stringify({ prompt: 'q' }), '{oops'].join('\n'));
    const err = await classifyFile(input, output).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as Error).message).toBe(`${input}:2: field "response" must be a string`);
    expect(() => readFileSync(output)).toThrow();
    writeFileSync(input, [JSON.stringify(LINES[0]), '{oops'].join('\n'));
    await expect(classifyFile(input, output)).rejects.toThrow(`${input}:2: not valid JSON`);
  });
});

describe('rescore with the registry scorers', () => {
  const db = withSqlite();

  it('embedded and markers are the defaults, and rescoring adds verdicts without touching old ones', async () => {
    expect(DEFAULT_SCORERS).toEqual(['embedded', 'markers']);
    const store = await openStore(db.url);
    try {
      await seedFixture(store);
      const before = await store.verdicts(FIXTURE_RUN);
      const defaults = DEFAULT_SCORERS.map((n) => SCORERS[n]!);
      // The fixture already holds embedded@1 and markers@1 verdicts for every response.
      expect(await scoreRun(store, FIXTURE_RUN, defaults)).toBe(0);
      const responses = (await store.responses(FIXTURE_RUN)).length;
      expect(await scoreRun(store, FIXTURE_RUN, defaults, true)).toBe(2 * responses);
      const after = await store.verdicts(FIXTURE_RUN);
      expect(after.length).toBe(before.length + 2 * responses);
      for (const old of before) {
        expect(after).toContainEqual(
          expect.objectContaining({
            responseId: old.responseId,
            scorer: old.scorer,
            label: old.label,
            createdAt: old.createdAt,
          }),
        );
      }
      const fresh = after.filter((v) => v.createdAt !== '2026-10-01T00:00:00.000Z');
      const markers = fresh.filter((v) => v.scorer === 'markers@1');
      const embedded = fresh.filter((v) => v.scorer === 'embedded@1');
      expect(markers).toHaveLength(responses);
      for (const m of markers) {
        expect(m.confidence).toBe(0);
        expect(m.label).toBe(embedded.find((e) => e.responseId === m.responseId)!.label);
      }
    } finally {
      await store.close();
    }
  });
});
