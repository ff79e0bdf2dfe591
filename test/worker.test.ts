import { describe, expect, it } from 'vitest';
import { runWorker } from '../src/util/worker.ts';

const fixture = (name: string) => new URL(`./fixtures/workers/${name}.ts`, import.meta.url);

describe('runWorker', () => {
  it('runs a TypeScript module in a thread and resolves with its message', async () => {
    expect(await runWorker(fixture('echo'), { n: 7 })).toEqual({ echoed: { n: 7 } });
  });

  it("rejects with the module's own error", async () => {
    await expect(runWorker(fixture('throws'), null)).rejects.toThrow('broken worker module');
  });

  it('rejects when the worker exits without answering', async () => {
    await expect(runWorker(fixture('silent'), null)).rejects.toThrow(
      /silent\.ts exited with code 3 before answering/,
    );
  });
});
