import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RunRecord, Store } from '../store/types.ts';

/**
 * `redline watch`: audits on a schedule. The schedule lives in the store (the next run is due at
 * the last run of the same config + the interval), so a restarted watcher picks up where it was.
 * A lock file per target keeps two audits of one target from running at once; a lock whose
 * process has died is stale and taken over.
 */

export interface WatchDeps {
  store: Store;
  configHash: string;
  targetIds: readonly string[];
  everyMs: number;
  maxRuns?: number;
  lockDir: string;
  /** Runs one audit and returns its run id. */
  runOnce: () => Promise<string>;
  /** Compares two runs; returns the alert to send, or null when nothing changed significantly. */
  compare: (beforeId: string, afterId: string) => Promise<unknown>;
  webhook?: string;
  log: (line: string) => void;
  signal?: AbortSignal;
}

/** When the next audit is due: now for a new config, else the last run's start + the interval. */
export function nextDue(
  runs: readonly RunRecord[],
  configHash: string,
  everyMs: number,
): { due: number; last: RunRecord | null } {
  const last = runs.filter((r) => r.configHash === configHash).at(-1) ?? null;
  return { due: last ? Date.parse(last.createdAt) + everyMs : 0, last };
}

export async function watch(deps: WatchDeps): Promise<string[]> {
  const runs: string[] = [];
  while (!deps.signal?.aborted && (deps.maxRuns === undefined || runs.length < deps.maxRuns)) {
    const { due, last } = nextDue(await deps.store.listRuns(), deps.configHash, deps.everyMs);
    const wait = due - Date.now();
    if (wait > 0) {
      deps.log(`next audit at ${new Date(due).toISOString()}`);
      try {
        await sleep(wait, undefined, { signal: deps.signal });
      } catch {
        break;
      }
    }
    const release = acquireLocks(deps.lockDir, deps.targetIds);
    let runId: string;
    try {
      runId = await deps.runOnce();
    } finally {
      release();
    }
    runs.push(runId);
    if (last && last.id !== runId) {
      const alert = await deps.compare(last.id, runId);
      if (alert !== null) {
        deps.log(JSON.stringify(alert));
        if (deps.webhook)
          await postJson(deps.webhook, alert).catch((err: Error) =>
            deps.log(`webhook failed: ${err.message}`),
          );
      } else deps.log(`run ${runId}: no significant change since ${last.id}`);
    }
  }
  return runs;
}

function lockPath(dir: string, targetId: string): string {
  return join(dir, `${encodeURIComponent(targetId)}.lock`);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes one lock file per target (O_EXCL), or throws naming the process that holds one. */
export function acquireLocks(dir: string, targetIds: readonly string[]): () => void {
  mkdirSync(dir, { recursive: true });
  const taken: string[] = [];
  const release = () => {
    for (const path of taken.splice(0)) rmSync(path, { force: true });
    process.off('exit', release);
  };
  process.on('exit', release);
  try {
    for (const targetId of targetIds) {
      const path = lockPath(dir, targetId);
      for (let attempt = 0; ; attempt++) {
        try {
          const fd = openSync(path, 'wx');
          writeSync(fd, String(process.pid));
          closeSync(fd);
          taken.push(path);
          break;
        } catch (err) {
          if ((err as NodeJS.ErrnoException).code !== 'EEXIST' || attempt > 0) throw err;
          const holder = Number(readFileSync(path, 'utf8'));
          if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
            throw new Error(`target ${targetId} is being audited by process ${holder} (lock ${path})`, {
              cause: err,
            });
          }
          rmSync(path, { force: true }); // stale: its process is gone
        }
      }
    }
  } catch (err) {
    release();
    throw err;
  }
  return release;
}

/** POSTs JSON with node:http(s); resolves on a 2xx answer. */
export function postJson(url: string, body: unknown, timeoutMs = 10_000): Promise<number> {
  const payload = Buffer.from(JSON.stringify(body));
  const send = new URL(url).protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': payload.length },
        timeout: timeoutMs,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode! >= 200 && res.statusCode! < 300
            ? resolve(res.statusCode!)
            : reject(new Error(`HTTP ${res.statusCode}`)),
        );
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
    req.end(payload);
  });
}
