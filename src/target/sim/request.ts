/** Parsing and validating an OpenAI Chat Completions request for the simulator, with OpenAI-style errors. */
import { isSimProfile, SIM_MODELS, type SimMessage, type SimProfile } from './behaviour.ts';

const DATE_RE = /^\d{4}-\d{2}-\d{2}/;

export class BadRequest extends Error {
  constructor(
    message: string,
    readonly status = 400,
    readonly code = 'invalid_request_error',
    readonly param: string | null = null,
  ) {
    super(message);
  }
}

export function errorBody(message: string, type: string, code: string, param: string | null = null): string {
  return JSON.stringify({ error: { message, type, param, code } });
}

export interface ParsedRequest {
  model: SimProfile;
  messages: SimMessage[];
  stream: boolean;
  sample: number;
  simDate: string | null;
  maxTokens: number | null;
}

function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) =>
        part && typeof part === 'object' && 'text' in part && typeof part.text === 'string' ? part.text : '',
      )
      .join('');
  }
  throw new BadRequest('Each message needs a string content.', 400, 'invalid_request_error', 'messages');
}

export function parseRequest(raw: string): ParsedRequest {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new BadRequest('The request body is not valid JSON.', 400, 'invalid_json');
  }
  if (!body || typeof body !== 'object') throw new BadRequest('The request body must be a JSON object.');
  const b = body as Record<string, unknown>;
  const model = b.model;
  if (typeof model !== 'string' || !isSimProfile(model)) {
    const known = SIM_MODELS.map((m) => m.id).join(', ');
    throw new BadRequest(
      `The model does not exist. Known models: ${known}.`,
      404,
      'model_not_found',
      'model',
    );
  }
  if (!Array.isArray(b.messages) || b.messages.length === 0) {
    throw new BadRequest('messages must be a non-empty array.', 400, 'invalid_request_error', 'messages');
  }
  const messages = b.messages.map((m: unknown): SimMessage => {
    if (!m || typeof m !== 'object' || typeof (m as { role?: unknown }).role !== 'string') {
      throw new BadRequest('Each message needs a role.', 400, 'invalid_request_error', 'messages');
    }
    return { role: (m as { role: string }).role, content: messageText((m as { content?: unknown }).content) };
  });
  const sample = b.seed === undefined || b.seed === null ? 0 : b.seed;
  if (typeof sample !== 'number' || !Number.isInteger(sample))
    throw new BadRequest('seed must be an integer.', 400, 'invalid_request_error', 'seed');
  const simDate = b.sim_date ?? null;
  if (
    simDate !== null &&
    (typeof simDate !== 'string' || !DATE_RE.test(simDate) || Number.isNaN(Date.parse(simDate)))
  ) {
    throw new BadRequest(
      'sim_date must be an ISO date such as 2026-09-01.',
      400,
      'invalid_request_error',
      'sim_date',
    );
  }
  const maxTokens = b.max_tokens ?? b.max_completion_tokens ?? null;
  if (
    maxTokens !== null &&
    (typeof maxTokens !== 'number' || !Number.isInteger(maxTokens) || maxTokens < 1)
  ) {
    throw new BadRequest(
      'max_tokens must be a positive integer.',
      400,
      'invalid_request_error',
      'max_tokens',
    );
  }
  return {
    model,
    messages,
    stream: b.stream === true,
    sample,
    simDate: typeof simDate === 'string' ? simDate : null,
    maxTokens: typeof maxTokens === 'number' ? maxTokens : null,
  };
}
