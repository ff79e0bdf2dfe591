import type { TargetConfig } from '../target/types.ts';
import { startSimServer } from '../target/sim/server.ts';

export interface SimHandle {
  /** The target with its base URL pointing at the in-process simulator. */
  resolve(target: TargetConfig): TargetConfig;
  close(): Promise<void>;
}

/** Starts the loopback simulator when a `sim:` target has no base URL of its own. */
export async function startSims(targets: TargetConfig[]): Promise<SimHandle | undefined> {
  if (!targets.some((t) => t.preset === 'sim' && !t.baseUrl)) return undefined;
  const server = await startSimServer({ seed: 1 });
  return {
    resolve: (t) => (t.preset === 'sim' && !t.baseUrl ? { ...t, baseUrl: server.url } : t),
    close: () => server.close(),
  };
}
