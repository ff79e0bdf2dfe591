import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { TOOL_VERSION } from '../../util/version.ts';
import type { ModelSource } from './default-model.ts';
import { progressBar } from './progress-bar.ts';

/** Why a download failed: `network` (no connection, timeout), `http` (a status other than 200), `checksum`. */
export class DownloadError extends Error {
  override readonly name = 'DownloadError';
  constructor(
    readonly kind: 'network' | 'http' | 'checksum',
    message: string,
  ) {
    super(message);
  }
}

export interface DownloadOptions {
  out?: NodeJS.WritableStream & { isTTY?: boolean };
  /** No byte for this long (connecting included): give up. */
  idleTimeoutMs?: number;
}

const MAX_REDIRECTS = 10;

/**
 * The model file in `dir`, downloaded first if it is not there. The file appears under its
 * final name only once its size and sha256 are checked (written to a temporary name, then
 * renamed), so a file found there was verified and is reused as is.
 */
export async function ensureModelFile(
  source: ModelSource,
  dir: string,
  opts: DownloadOptions = {},
): Promise<{ path: string; downloaded: boolean }> {
  const path = join(dir, source.fileName);
  if (existsSync(path) && (source.sizeBytes === undefined || statSync(path).size === source.sizeBytes)) {
    return { path, downloaded: false };
  }
  mkdirSync(dir, { recursive: true });
  removeAbandoned(dir, source.fileName);
  const tmp = join(dir, `.${source.fileName}.${process.pid}-${randomBytes(4).toString('hex')}.part`);
  try {
    const res = await get(source.url, opts.idleTimeoutMs ?? 30_000, MAX_REDIRECTS);
    const length = Number(res.headers['content-length']);
    const bar = progressBar(
      `downloading ${source.fileName}`,
      source.sizeBytes ?? (Number.isFinite(length) && length > 0 ? length : undefined),
      opts.out,
    );
    const hash = createHash('sha256');
    let bytes = 0;
    await pipeline(
      res,
      async function* (chunks: AsyncIterable<Buffer>) {
        for await (const chunk of chunks) {
          hash.update(chunk);
          bytes += chunk.length;
          bar.update(bytes);
          yield chunk;
        }
      },
      createWriteStream(tmp),
    ).catch((err: unknown) => {
      throw new DownloadError('network', `the connection broke after ${bytes} bytes: ${messageOf(err)}`);
    });
    bar.done();
    const sha256 = hash.digest('hex');
    if (sha256 !== source.sha256 || (source.sizeBytes !== undefined && bytes !== source.sizeBytes)) {
      throw new DownloadError(
        'checksum',
        `the file from ${source.url} is not the expected one: sha256 ${sha256} (${bytes} bytes), expected ${source.sha256}${source.sizeBytes !== undefined ? ` (${source.sizeBytes} bytes)` : ''}. It was deleted.`,
      );
    }
    renameSync(tmp, path);
    return { path, downloaded: true };
  } finally {
    rmSync(tmp, { force: true });
  }
}

/**
 * Deletes partial downloads of `fileName` left by processes that no longer run (a download
 * stopped by Ctrl-C or a crash); one still running keeps its file.
 */
function removeAbandoned(dir: string, fileName: string): void {
  const prefix = `.${fileName}.`;
  for (const entry of readdirSync(dir)) {
    if (!entry.startsWith(prefix) || !entry.endsWith('.part')) continue;
    const pid = Number(/^(\d+)-/.exec(entry.slice(prefix.length))?.[1]);
    if (Number.isInteger(pid) && !running(pid)) rmSync(join(dir, entry), { force: true });
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM'; // alive, owned by another user
  }
}

/** GET with redirects followed (Hugging Face answers with a redirect to its CDN). */
function get(url: string, idleTimeoutMs: number, redirectsLeft: number): Promise<IncomingMessage> {
  return new Promise((resolve, reject) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return reject(new DownloadError('network', `"${url}" is not a valid URL`));
    }
    const client = parsed.protocol === 'https:' ? https : parsed.protocol === 'http:' ? http : undefined;
    if (!client) return reject(new DownloadError('network', `cannot download from a ${parsed.protocol} URL`));
    const req = client.get(parsed, { headers: { 'user-agent': `redline/${TOOL_VERSION}` } }, (res) => {
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (status >= 300 && status < 400 && location) {
        res.resume();
        if (redirectsLeft <= 0) return reject(new DownloadError('http', `too many redirects from ${url}`));
        return resolve(get(new URL(location, parsed).toString(), idleTimeoutMs, redirectsLeft - 1));
      }
      if (status !== 200) {
        res.resume();
        return reject(new DownloadError('http', `HTTP ${status} from ${parsed.host}`));
      }
      resolve(res);
    });
    req.setTimeout(idleTimeoutMs, () =>
      req.destroy(new Error(`no data for ${Math.round(idleTimeoutMs / 1000)} s`)),
    );
    req.on('error', (err) => reject(new DownloadError('network', messageOf(err))));
  });
}

function messageOf(err: unknown): string {
  if (err instanceof AggregateError) return err.errors.map(messageOf).join('; ');
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code ?? '';
  return code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
}
