import type { ProgressSink } from './runner.ts';

interface Counter {
  total: number;
  done: number;
  errors: number;
  startedDone: number;
  startedAt: number;
}

/**
 * Live progress per target: done/total, errors, rate, ETA. Redraws in place on a TTY; prints a
 * plain line every few seconds otherwise (CI logs), so `--json` output on stdout stays clean.
 */
export class Progress implements ProgressSink {
  private readonly counters = new Map<string, Counter>();
  private timer: NodeJS.Timeout | undefined;
  private lastLines = 0;

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly intervalMs = out.isTTY ? 200 : 5000,
  ) {}

  begin(targetId: string, total: number, alreadyDone: number): void {
    this.counters.set(targetId, {
      total,
      done: alreadyDone,
      errors: 0,
      startedDone: alreadyDone,
      startedAt: Date.now(),
    });
    this.timer ??= setInterval(() => this.draw(), this.intervalMs).unref();
  }

  jobDone(targetId: string, failed: boolean): void {
    const c = this.counters.get(targetId);
    if (!c) return;
    c.done++;
    if (failed) c.errors++;
  }

  end(): void {
    clearInterval(this.timer);
    this.timer = undefined;
    this.draw(true);
  }

  lines(now = Date.now()): string[] {
    return [...this.counters].map(([id, c]) => {
      const elapsed = (now - c.startedAt) / 1000;
      const rate = elapsed > 0 ? (c.done - c.startedDone) / elapsed : 0;
      const eta = rate > 0 ? formatSeconds((c.total - c.done) / rate) : '-';
      const pct = c.total > 0 ? Math.floor((c.done / c.total) * 100) : 100;
      return `${id.padEnd(28)} ${String(c.done).padStart(6)}/${c.total} ${String(pct).padStart(3)}%  errors ${c.errors}  ${rate.toFixed(1)}/s  ETA ${eta}`;
    });
  }

  private draw(final = false): void {
    const lines = this.lines();
    if (this.out.isTTY) {
      if (this.lastLines > 0) this.out.write(`\x1b[${this.lastLines}A\x1b[0J`);
      this.out.write(lines.join('\n') + '\n');
      this.lastLines = lines.length;
    } else if (final || lines.length > 0) {
      for (const line of lines) this.out.write(`progress ${line}\n`);
    }
  }
}

function formatSeconds(s: number): string {
  if (s < 60) return `${Math.ceil(s)}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
