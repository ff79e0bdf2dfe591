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

  it('keeps the message and code of an error of a class the main thread cannot rebuild', async () => {
    const error = await runWorker(fixture('throws-own-class'), null).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ message: 'Error: broken store', code: 'E_STORE' });
  });

  it('rejects when the worker exits without answering', async () => {
    await expect(runWorker(fixture('silent'), null)).rejects.toThrow(
      /silent\.ts exited with code 3 before answering/,
    );
  });
});
