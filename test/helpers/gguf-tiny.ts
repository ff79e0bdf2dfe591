import { writeGguf, type MetaValue, type Tensor } from './gguf-writer.ts';

/**
 * A tiny llama-architecture model for tests: 2 layers, 32-wide embeddings, a SentencePiece
 * vocabulary of 3 special tokens, the 256 byte tokens and a few words, random weights.
 *
 * `reply` plants a bigram path on top of the random weights: every token outside the path
 * predicts the reply's first token, each reply token the next one, the last one `</s>`. So
 * whatever the prompt, the model answers with exactly that reply, token by token, through the
 * full compute graph (attention and feed-forward weights stay random, only small). Reply pieces
 * are words of two characters or more: the tokenizer has no single-character word tokens to build
 * them from, so a prompt never contains them and never derails the path.
 */

export interface TinyModelOptions {
  /** Reply tokens as SentencePiece pieces ("▁" is a space). Empty: purely random weights. */
  reply?: string[];
  name?: string;
  seed?: number;
}

const EMBED = 32;
const HEADS = 4;
const FF = 64;
const LAYERS = 2;
// The planted path: its embedding marks are large beside what the random blocks add to the
// residual stream, and its logits far above the random ones.
const MARK = 4;
const PLANTED = 10;
const NOISE = 0.02;
const SPECIALS = ['<unk>', '<s>', '</s>'] as const;
const EOS = 2;
// '▁' alone lets the tokenizer write spaces as a token (not as the bytes of U+2581).
const FILLER = ['▁', '▁the', '▁of', '▁and', '▁in', '▁question', '▁answer', '▁history', '▁June'];

/** mulberry32: a seeded generator, so the same options give the same file. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function tinyVocabulary(reply: string[] = []): string[] {
  const bytes = Array.from({ length: 256 }, (_, i) => `<0x${i.toString(16).toUpperCase().padStart(2, '0')}>`);
  for (const w of reply) {
    if ([...w.replace(/^▁/, '')].length < 2)
      throw new Error(`reply piece "${w}": use pieces of 2+ characters`);
  }
  return [...SPECIALS, ...bytes, ...new Set([...reply, ...FILLER])];
}

export function buildTinyModel(opts: TinyModelOptions = {}): {
  metadata: Record<string, MetaValue>;
  tensors: Tensor[];
  vocab: string[];
} {
  const reply = opts.reply ?? [];
  if (reply.length + 1 >= EMBED) throw new Error(`reply: at most ${EMBED - 2} tokens`);
  const vocab = tinyVocabulary(reply);
  const n = vocab.length;
  const random = rng(opts.seed ?? 1);
  const noise = (count: number, scale = NOISE) =>
    Float32Array.from({ length: count }, () => (random() * 2 - 1) * scale * Math.sqrt(3));
  const ones = () => new Float32Array(EMBED).fill(1);

  const embed = noise(n * EMBED);
  const output = noise(n * EMBED);
  if (reply.length > 0) {
    // Dimension 0 marks "any token outside the path"; dimension k+1 marks reply token k.
    const ids = reply.map((piece) => vocab.indexOf(piece));
    const onPath = new Map(ids.map((id, k) => [id, k + 1]));
    for (let tok = 0; tok < n; tok++) embed[tok * EMBED + (onPath.get(tok) ?? 0)]! += MARK;
    output[ids[0]! * EMBED + 0]! += PLANTED;
    ids.forEach((_, k) => {
      const next = k + 1 < ids.length ? ids[k + 1]! : EOS;
      output[next * EMBED + (k + 1)]! += PLANTED;
    });
  }

  const tensors: Tensor[] = [
    { name: 'token_embd.weight', dims: [EMBED, n], data: embed },
    { name: 'output_norm.weight', dims: [EMBED], data: ones() },
    { name: 'output.weight', dims: [EMBED, n], data: output },
  ];
  for (let l = 0; l < LAYERS; l++) {
    const p = `blk.${l}`;
    tensors.push(
      { name: `${p}.attn_norm.weight`, dims: [EMBED], data: ones() },
      { name: `${p}.attn_q.weight`, dims: [EMBED, EMBED], data: noise(EMBED * EMBED, 0.2) },
      { name: `${p}.attn_k.weight`, dims: [EMBED, EMBED], data: noise(EMBED * EMBED, 0.2) },
      { name: `${p}.attn_v.weight`, dims: [EMBED, EMBED], data: noise(EMBED * EMBED, 0.2) },
      { name: `${p}.attn_output.weight`, dims: [EMBED, EMBED], data: noise(EMBED * EMBED) },
      { name: `${p}.ffn_norm.weight`, dims: [EMBED], data: ones() },
      { name: `${p}.ffn_gate.weight`, dims: [EMBED, FF], data: noise(EMBED * FF, 0.2) },
      { name: `${p}.ffn_up.weight`, dims: [EMBED, FF], data: noise(EMBED * FF, 0.2) },
      { name: `${p}.ffn_down.weight`, dims: [FF, EMBED], data: noise(FF * EMBED) },
    );
  }

  const tokenTypes = vocab.map((_, i) => (i === 0 ? 2 : i < SPECIALS.length ? 3 : i < 259 ? 6 : 1));
  const metadata: Record<string, MetaValue> = {
    'general.architecture': { type: 'string', value: 'llama' },
    'general.name': { type: 'string', value: opts.name ?? 'redline tiny test model' },
    'general.file_type': { type: 'u32', value: 0 }, // all F32
    'llama.context_length': { type: 'u32', value: 512 },
    'llama.embedding_length': { type: 'u32', value: EMBED },
    'llama.block_count': { type: 'u32', value: LAYERS },
    'llama.feed_forward_length': { type: 'u32', value: FF },
    'llama.attention.head_count': { type: 'u32', value: HEADS },
    'llama.attention.head_count_kv': { type: 'u32', value: HEADS },
    'llama.attention.layer_norm_rms_epsilon': { type: 'f32', value: 1e-5 },
    'llama.rope.dimension_count': { type: 'u32', value: EMBED / HEADS },
    'tokenizer.ggml.model': { type: 'string', value: 'llama' },
    'tokenizer.ggml.tokens': { type: 'string[]', value: vocab },
    'tokenizer.ggml.scores': { type: 'f32[]', value: vocab.map((_, i) => (i < 259 ? 0 : -i)) },
    'tokenizer.ggml.token_type': { type: 'i32[]', value: tokenTypes },
    'tokenizer.ggml.unknown_token_id': { type: 'u32', value: 0 },
    'tokenizer.ggml.bos_token_id': { type: 'u32', value: 1 },
    'tokenizer.ggml.eos_token_id': { type: 'u32', value: EOS },
    'tokenizer.ggml.add_bos_token': { type: 'bool', value: true },
    'tokenizer.ggml.add_eos_token': { type: 'bool', value: false },
  };
  return { metadata, tensors, vocab };
}

/** Writes the tiny model to `path`; returns its vocabulary. */
export function writeTinyModel(path: string, opts: TinyModelOptions = {}): string[] {
  const { metadata, tensors, vocab } = buildTinyModel(opts);
  writeGguf(path, metadata, tensors);
  return vocab;
}
