/**
 * Download progress on stderr: a bar redrawn in place on a terminal, plain lines at each tenth
 * otherwise (CI logs, pipes), so a log never fills with carriage returns.
 */
export interface ProgressBar {
  update(bytes: number): void;
  done(): void;
}

const MB = 1024 * 1024;
const WIDTH = 30;

export function progressBar(
  label: string,
  total: number | undefined,
  out: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr,
  now: () => number = () => performance.now(),
): ProgressBar {
  const started = now();
  let lastDraw = 0;
  let lastTenth = -1;
  let lastPrinted = -1;
  let current = 0;

  const describe = () => {
    const seconds = Math.max((now() - started) / 1000, 0.001);
    const rate = `${(current / MB / seconds).toFixed(1)} MB/s`;
    if (!total) return { pct: undefined, text: `${(current / MB).toFixed(1)} MB  ${rate}` };
    const pct = Math.min(100, Math.floor((current / total) * 100));
    return { pct, text: `${pct}%  ${(current / MB).toFixed(1)}/${(total / MB).toFixed(1)} MB  ${rate}` };
  };

  const draw = (final: boolean) => {
    const { pct, text } = describe();
    if (out.isTTY) {
      const filled = pct === undefined ? 0 : Math.round((pct / 100) * WIDTH);
      const bar = pct === undefined ? '' : `[${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] `;
      out.write(`\r${label} ${bar}${text}\u001b[K${final ? '\n' : ''}`);
      return;
    }
    // Plain lines: one per tenth of the file (or per 100 MB when the size is unknown).
    const tenth = pct === undefined ? Math.floor(current / (100 * MB)) : Math.floor(pct / 10);
    if (tenth > lastTenth || (final && current !== lastPrinted)) {
      lastTenth = tenth;
      lastPrinted = current;
      out.write(`${label} ${text}\n`);
    }
  };

  return {
    update(bytes) {
      current = bytes;
      const t = now();
      if (!out.isTTY || t - lastDraw >= 100) {
        lastDraw = t;
        draw(false);
      }
    },
    done() {
      draw(true);
    },
  };
}
