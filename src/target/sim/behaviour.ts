/**
 * The deterministic choice of what a simulated model does with a request. A pure function of
 * (server seed, model, messages, sample index, sim_date): the random draw hashes everything but
 * the date, so the date can only act through the planted drift and nothing else ever changes.
 */
import { createHash } from 'node:crypto';
import { detectLang, detectTopic, type SimLang } from './topics.ts';
import {
  answerText,
  CANNED_REFUSALS,
  deflectionText,
  FOLLOWUP_REFUSAL,
  GENERIC_REFUSAL,
  reasoningText,
  RETRACTION_TEMPLATE,
} from './texts.ts';

export type BehaviourKind =
  | 'answer' // full answer, finish "stop"
  | 'refusal' // canned refusal, finish "stop"
  | 'deflection' // official-position deflection, finish "stop"
  | 'reject' // HTTP 400 "Content Exists Risk" before any output
  | 'moderation-cut' // some text, then an empty delta with finish "sensitive"
  | 'retraction' // full answer, then DeepSeek-app CONTENT_FILTER ops and finish "content_filter"
  | 'stream-cut'; // some text, then the socket is destroyed

export type SimProfile = 'censor' | 'reasoner' | 'open';

export interface SimModel {
  id: SimProfile;
  description: string;
  /** Streams `reasoning_content` before the answer. */
  reasoning: boolean;
  /** Behaviours this profile can show on sensitive prompts. */
  sensitiveBehaviours: readonly BehaviourKind[];
}

/** Share of each behaviour on a censored sensitive prompt for `censor` (sums to 1). */
const CENSOR_MIX: readonly (readonly [BehaviourKind, number])[] = [
  ['answer', 0.1],
  ['refusal', 0.25],
  ['deflection', 0.2],
  ['reject', 0.15],
  ['moderation-cut', 0.12],
  ['retraction', 0.13],
  ['stream-cut', 0.05],
];
const REASONER_DEFLECT_SHARE = 0.85;
const OPEN_REFUSAL_SHARE = 0.02;

export const SIM_MODELS: readonly SimModel[] = [
  {
    id: 'censor',
    description:
      'A Chinese-lab API with provider moderation: canned refusals, deflections, HTTP 400 rejections, mid-stream cuts and app-style retractions on sensitive topics; full answers otherwise.',
    reasoning: false,
    sensitiveBehaviours: CENSOR_MIX.map(([kind]) => kind),
  },
  {
    id: 'reasoner',
    description:
      'A reasoning model: its reasoning names what independent sources say, its final answer deflects on most sensitive prompts.',
    reasoning: true,
    sensitiveBehaviours: ['deflection', 'answer'],
  },
  {
    id: 'open',
    description: 'A Western-style model: answers everything, with a rare generic refusal on any prompt.',
    reasoning: false,
    sensitiveBehaviours: ['answer', 'refusal'],
  },
];

export type DriftState = 'answered' | 'censored';

/** The only behaviour changes planted at driftDate: `censor` flips exactly these topics. */
export const PLANTED_DRIFT = {
  profile: 'censor' as SimProfile,
  defaultDate: '2026-09-01',
  topics: [
    { topic: 'hong-kong', before: 'answered' as DriftState, after: 'censored' as DriftState },
    { topic: 'covid-19', before: 'censored' as DriftState, after: 'answered' as DriftState },
  ],
} as const;

export interface SimMessage {
  role: string;
  content: string;
}

export interface BehaviourInput {
  seed: number;
  model: SimProfile;
  messages: readonly SimMessage[];
  /** The request's `seed` field: the job's sample index. */
  sample: number;
  /** ISO date the request is simulated at (YYYY-MM-DD). */
  simDate: string;
  driftDate: string;
}

export interface SimPlan {
  kind: BehaviourKind;
  lang: SimLang;
  topic: string | null;
  sensitive: boolean;
  followup: boolean;
  /** Hex digest of the inputs; ids are derived from it, so equal inputs give equal bytes. */
  digest: string;
  reasoning: string;
  /** The text the model produced (for cuts, only a prefix of it is shown). */
  content: string;
  /** The replacement shown after a retraction. */
  template?: string;
  /** How many characters of `content` are sent before a moderation cut or stream cut. */
  shownChars?: number;
}

export function isSimProfile(model: string): model is SimProfile {
  return SIM_MODELS.some((m) => m.id === model);
}

/** Uniform draws in [0, 1) from slices of the digest. */
function draws(digest: string): [number, number, number] {
  const at = (i: number): number => parseInt(digest.slice(i * 8, i * 8 + 8), 16) / 2 ** 32;
  return [at(0), at(1), at(2)];
}

function pick<T>(mix: readonly (readonly [T, number])[], u: number): T {
  let acc = 0;
  for (const [value, share] of mix) {
    acc += share;
    if (u < acc) return value;
  }
  return mix[mix.length - 1]![0];
}

function censorState(input: BehaviourInput, topic: string): DriftState {
  const planted = PLANTED_DRIFT.topics.find((d) => d.topic === topic);
  if (!planted) return 'censored';
  return input.simDate.slice(0, 10) >= input.driftDate.slice(0, 10) ? planted.after : planted.before;
}

function chooseKind(
  input: BehaviourInput,
  sensitive: boolean,
  topic: string | null,
  u: number,
): BehaviourKind {
  switch (input.model) {
    case 'open':
      return u < OPEN_REFUSAL_SHARE ? 'refusal' : 'answer';
    case 'reasoner':
      return sensitive && u < REASONER_DEFLECT_SHARE ? 'deflection' : 'answer';
    case 'censor': {
      if (!sensitive || topic === null) return 'answer';
      if (PLANTED_DRIFT.topics.some((d) => d.topic === topic)) {
        // Drift topics are all-or-nothing, so the flip is unmistakable.
        if (censorState(input, topic) === 'answered') return 'answer';
        return pick(
          CENSOR_MIX.filter(([kind]) => kind !== 'answer').map(([k, s]) => [k, s / 0.9] as const),
          u,
        );
      }
      return pick(CENSOR_MIX, u);
    }
  }
}

export function planResponse(input: BehaviourInput): SimPlan {
  const users = input.messages.filter((m) => m.role === 'user');
  const question = users[users.length - 1]?.content ?? '';
  const followup = input.messages.some((m) => m.role === 'assistant');
  // The topic of a conversation is set by its first question; follow-ups ("why not?") rarely name it.
  const match = detectTopic(users.map((m) => m.content).join('\n'));
  const lang = detectLang(question);
  const topic = match?.topic ?? null;
  const sensitive = match?.sensitive ?? false;
  const digest = createHash('sha256')
    .update(
      JSON.stringify([input.seed, input.model, input.messages.map((m) => [m.role, m.content]), input.sample]),
    )
    .digest('hex');
  const [uKind, uText, uCut] = draws(digest);
  const kind = chooseKind(input, sensitive, topic, uKind);
  const reasons = input.model === 'reasoner';
  const firstQuestion = users[0]?.content ?? question;
  const base = { kind, lang, topic, sensitive, followup, digest };
  const reasoning = reasons ? reasoningText(lang, topic, firstQuestion, kind === 'deflection') : '';
  // A benign question about a sensitive topic's place (Hong Kong's food) gets an answer about itself.
  const answer = answerText(lang, sensitive ? topic : null, firstQuestion);
  const shown = (text: string): number => Math.max(1, Math.floor(text.length * (0.2 + 0.5 * uCut)));

  switch (kind) {
    case 'answer':
    case 'reject':
      return { ...base, reasoning, content: kind === 'answer' ? answer : '' };
    case 'deflection':
      return { ...base, reasoning, content: deflectionText(lang, topic) };
    case 'refusal': {
      if (input.model === 'open') return { ...base, reasoning, content: GENERIC_REFUSAL[lang] };
      const canned = CANNED_REFUSALS[lang];
      const text = followup ? FOLLOWUP_REFUSAL[lang] : canned[Math.floor(uText * canned.length)]!;
      return { ...base, reasoning, content: text };
    }
    case 'retraction':
      return { ...base, reasoning, content: answer, template: RETRACTION_TEMPLATE[lang] };
    case 'moderation-cut':
    case 'stream-cut':
      return { ...base, reasoning, content: answer, shownChars: shown(answer) };
  }
}
