import { createHash } from 'node:crypto';
import { closeSync, createReadStream, openSync, readSync, statSync } from 'node:fs';

/**
 * What is wrong with `path` as a model file, or undefined when it looks like a GGUF (it exists,
 * is a file and starts with the GGUF magic). Cheap: reads four bytes.
 */
export function ggufProblem(path: string): string | undefined {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) return `${path} is not a file`;
    size = st.size;
  } catch {
    return `${path} does not exist`;
  }
  if (size < 4) return `${path} is not a GGUF model file (${size} bytes)`;
  const magic = Buffer.alloc(4);
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    readSync(fd, magic, 0, 4, 0);
  } catch (err) {
    return `${path} cannot be read: ${(err as Error).message}`;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  if (magic.toString('latin1') !== 'GGUF')
    return `${path} is not a GGUF model file (it does not start with "GGUF")`;
  return undefined;
}

const hashes = new Map<string, Promise<string>>();

/** sha256 of a file, streamed; remembered per path, size and modification time within a process. */
export function sha256File(path: string): Promise<string> {
  const st = statSync(path);
  const key = `${path}\u0000${st.size}\u0000${st.mtimeMs}`;
  let hash = hashes.get(key);
  if (!hash) {
    hash = new Promise<string>((resolve, reject) => {
      const h = createHash('sha256');
      createReadStream(path)
        .on('data', (chunk) => h.update(chunk))
        .on('error', reject)
        .on('end', () => resolve(h.digest('hex')));
    });
    hash.catch(() => hashes.delete(key));
    hashes.set(key, hash);
  }
  return hash;
}
