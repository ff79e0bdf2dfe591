import { statSync } from 'node:fs';
import { basename } from 'node:path';
import type { Llama, LlamaContextSequence, LlamaModel } from 'node-llama-cpp';
import { ggufProblem, sha256File } from './gguf-file.ts';

/**
 * node-llama-cpp, loaded only when a `local:` target is used: it is an optional dependency
 * (about 700 MB of prebuilt binaries), and everything else in redline works without it.
 */
type NodeLlamaCpp = typeof import('node-llama-cpp');

/** A failure before any token: `bad-request` for a wrong file or a missing engine, `server` for the rest. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly kind: 'bad-request' | 'server',
    message: string,
  ) {
    super(message);
  }
}

export const NOT_INSTALLED =
  'the local model engine (node-llama-cpp, an optional dependency) is not installed: run `npm i -E node-llama-cpp@3.21.1` next to redline, or audit a model over HTTP with --target';

let library: Promise<NodeLlamaCpp> | undefined;
let engine: Promise<Llama> | undefined;

export function loadLibrary(): Promise<NodeLlamaCpp> {
  library ??= import('node-llama-cpp').catch((err: unknown) => {
    library = undefined;
    throw new EngineError('bad-request', `${NOT_INSTALLED} (${(err as Error).message})`);
  });
  return library;
}

/** llama.cpp's latest error lines: they say why a load failed, which its exception does not. */
const errorLog: string[] = [];

/**
 * One llama.cpp instance per process, CPU only, from the prebuilt binaries: never compiled here.
 * Its log is kept for error messages instead of printed over the progress display.
 */
async function llama(): Promise<Llama> {
  const lib = await loadLibrary();
  const logger = (_level: unknown, message: string) => {
    errorLog.push(message.trim());
    errorLog.splice(0, errorLog.length - 5);
  };
  engine ??= lib
    .getLlama({ gpu: false, build: 'never', logLevel: lib.LlamaLogLevel.error, logger })
    .catch((err: unknown) => {
      engine = undefined;
      throw new EngineError('server', `llama.cpp did not start: ${(err as Error).message}`);
    });
  return engine;
}

export interface LoadedModel {
  lib: NodeLlamaCpp;
  model: LlamaModel;
  /** The one sequence answers are generated on; the adapter serialises requests onto it. */
  sequence: LlamaContextSequence;
  /** Identity of the weights for the response fingerprint (`meta` event). */
  info: Record<string, string>;
}

export interface LoadOptions {
  contextSize: number;
  /** Threads for evaluation; 0 lets node-llama-cpp choose. */
  threads: number;
}

export async function loadModel(path: string, opts: LoadOptions): Promise<LoadedModel> {
  const problem = ggufProblem(path);
  if (problem) throw new EngineError('bad-request', problem);
  const lib = await loadLibrary();
  const instance = await llama();
  let model: LlamaModel;
  let sha256: string;
  errorLog.length = 0;
  try {
    [model, sha256] = await Promise.all([instance.loadModel({ modelPath: path }), sha256File(path)]);
  } catch (err) {
    await new Promise((r) => setImmediate(r)); // llama.cpp's log lines arrive just after its exception
    const why = [(err as Error).message, ...errorLog].join('; ');
    throw new EngineError('server', `llama.cpp could not load ${path}: ${why}`);
  }
  try {
    const context = await model.createContext({
      contextSize: Math.min(opts.contextSize, model.trainContextSize),
      sequences: 1,
      ...(opts.threads > 0 ? { threads: opts.threads } : {}),
    });
    const general = model.fileInfo.metadata.general;
    const fileType = general.file_type === undefined ? '' : (lib.GgufFileType[general.file_type] ?? '');
    const info: Record<string, string> = {
      // `model` is what analysis compares across targets (the layer matrix): the GGUF's own name.
      model: general.name ?? basename(path, '.gguf'),
      weightsSha256: sha256,
      architecture: String(general.architecture),
      ...(general.name ? { ggufName: general.name } : {}),
      ...(fileType ? { fileType } : {}),
      sizeBytes: String(statSync(path).size),
      engine: `node-llama-cpp ${await lib.getModuleVersion()}, llama.cpp ${instance.llamaCppRelease.release}, cpu`,
    };
    return { lib, model, sequence: context.getSequence(), info };
  } catch (err) {
    await model.dispose();
    throw new EngineError('server', `llama.cpp could not start ${path}: ${(err as Error).message}`);
  }
}
