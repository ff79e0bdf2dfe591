/**
 * An LLM judge: any target, asked through its own adapter with a versioned rubric. Its reply is
 * untrusted model output: parsed strictly, re-asked once, and otherwise stored as an `error`
 * verdict with the raw text kept.
 */
import { createTarget } from '../../target/registry.ts';
import type { ChatMessage, Target, TargetConfig } from '../../target/types.ts';
import type { StreamEvent } from '../../target/events.ts';
import { recordResponse } from '../../run/recorder.ts';
import type { Scorer } from '../scorer.ts';
import type { ScorerInput, Verdict } from '../types.ts';
import { parseJudgeReply } from './parse.ts';
import { templateLang, type Rubric } from './rubric-v1.ts';

/** A judge states no confidence of its own; one judge's word counts for this much. */
const JUDGE_CONFIDENCE = 0.8;

export function judgeScorerName(targetId: string, rubric: Rubric): string {
  return `judge:${targetId}@${rubric.version}`;
}

/** The prompt for one response; the placeholders are filled in one pass so answer text cannot inject another. */
export function judgePrompt(rubric: Rubric, input: Pick<ScorerInput, 'prompt' | 'text' | 'lang'>): string {
  const template = rubric.templates[templateLang(rubric, input.lang)]!;
  return template.replace(/\{\{(QUESTION|ANSWER)\}\}/g, (_, slot: string) =>
    slot === 'QUESTION' ? input.prompt : input.text,
  );
}

async function ask(target: Target, messages: ChatMessage[]): Promise<{ text: string; error?: string }> {
  const events: StreamEvent[] = [];
  for await (const ev of target.stream({ messages, sample: 0 })) events.push(ev);
  const r = recordResponse({
    id: 'judge',
    jobKey: 'judge',
    runId: 'judge',
    turn: 0,
    request: target.describe({ messages, sample: 0 }),
    target: target.config,
    events,
    attempts: 1,
  });
  return { text: r.text, error: r.error ? `${r.error.kind}: ${r.error.message}` : undefined };
}

function errorVerdict(rationale: string, details: Record<string, unknown>): Verdict {
  return { label: 'error', confidence: 0, evidence: [], rationale, details };
}

export function createJudgeScorer(config: TargetConfig, rubric: Rubric): Scorer {
  const target = createTarget(config);
  return {
    name: judgeScorerName(config.id, rubric),
    async score(input) {
      if (input.error !== undefined)
        return errorVerdict('no answer to judge', { responseError: input.error });
      const lang = templateLang(rubric, input.lang);
      const messages: ChatMessage[] = [{ role: 'user', content: judgePrompt(rubric, input) }];
      const raw: string[] = [];
      let problem = '';
      for (const attempt of [0, 1]) {
        if (attempt > 0) {
          messages.push({ role: 'assistant', content: raw[raw.length - 1]! });
          messages.push({ role: 'user', content: rubric.reask[lang]!.replace('{{PROBLEM}}', problem) });
        }
        const reply = await ask(target, messages);
        if (reply.error)
          return errorVerdict('the judge could not be asked', { judgeError: reply.error, raw });
        raw.push(reply.text);
        const parsed = parseJudgeReply(reply.text, rubric);
        if (parsed.ok) {
          const { choice, scale, rationale } = parsed.reply;
          return {
            label: rubric.choices[choice]!,
            confidence: JUDGE_CONFIDENCE,
            alignment: rubric.alignment[String(scale)]!,
            evidence: [],
            rationale,
            details: { rubric: rubric.version, choice, scale, reasked: attempt > 0 },
          };
        }
        problem = parsed.problem;
      }
      return errorVerdict(`judge reply rejected: ${problem}`, { rubric: rubric.version, raw });
    },
  };
}
