/**
 * One build of the report bench (see report.ts), in a process of its own as `redline report`
 * would be: prints its wall and CPU time, what it built and its peak memory as one JSON line.
 * Usage: tsx bench/report-build.ts STORE RUN
 */
import { openStore } from '../src/store/open.ts';
import { buildReport } from '../src/report/build.ts';

const [path, runId] = process.argv.slice(2) as [string, string];
const store = await openStore(path);
const start = performance.now();
const cpuStart = process.cpuUsage();
const report = await buildReport(store, runId);
const seconds = (performance.now() - start) / 1000;
const cpu = process.cpuUsage(cpuStart);
await store.close();
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    results: report.meta.results,
    rateGroups: report.rates.length,
    layerRows: report.layers.rows.length,
    peakMb: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
