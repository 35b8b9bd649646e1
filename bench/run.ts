/**
 * `npm run bench`: every benchmark, printed one result per line. Ratios compare things measured side
 * by side in this same run, so they hold on any machine; absolute numbers are for this machine only.
 * Options: `--only nearest|tributes|bookings|api|endpoints|coldstart|fast3g` (repeatable), `--seconds N` (API load per server,
 * default 10).
 * Every load is bounded in time and goes to 127.0.0.1 only.
 */
import { apiBench } from './api.js';
import { fast3gBench } from './fast3g.js';
import { main as nearestBench } from './nearest.js';
import { main as tributesBench } from './tributes.js';
import { main as bookingsBench } from './bookings.js';
import { endpointsBench } from './endpoints.js';
import { coldStartBench } from './cold-start.js';

const args = process.argv.slice(2);
const only = args.flatMap((a, i) => (a === '--only' ? [args[i + 1]] : []));
const wanted = (name: string) => only.length === 0 || only.includes(name);
const secondsArg = args.indexOf('--seconds');
const seconds = secondsArg >= 0 ? Math.min(60, Math.max(1, Number(args[secondsArg + 1]) || 10)) : 10;

const SITES = 1000;
const CONNECTIONS = 16;

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const kb = (bytes: number) => `${fmt(bytes / 1024, 1)} KB`;
const verdict = (ok: boolean) => (ok ? 'meets target' : 'MISSES target');

function line(name: string, text: string): void {
  console.log(`${name.padEnd(34)} ${text}`);
}

async function main(): Promise<void> {
  console.log(`# Memorial Map benchmarks — node ${process.version}, ${new Date().toISOString()}`);

  // (a) nearest-k: the API's geo index against a linear scan, in process (bench/nearest.ts).
  if (wanted('nearest')) await nearestBench();
  // Tribute writes through the API against plain driver inserts (bench/tributes.ts).
  if (wanted('tributes')) await tributesBench([]);
  // 1,000 bookings at once on 100 seats through the API against 1,000 plain findOneAndUpdate calls (bench/bookings.ts).
  if (wanted('bookings')) await bookingsBench([]);

  // (b) the whole HTTP stack against a bare node:http server.
  if (wanted('api')) {
    const r = await apiBench({ sites: SITES, connections: CONNECTIONS, seconds });
    const ratio = r.api.requests.average / r.bare.requests.average;
    const failures = r.api.non2xx + r.api.errors + r.api.timeouts;
    line('api.nearest.rps', `${fmt(r.api.requests.average)} req/s  (GET /sites?near=…&limit=20, ${fmt(SITES)} sites, ${CONNECTIONS} clients, ${seconds} s, ${fmt(r.api.requests.total)} requests, ${failures} failed)`);
    line('bare.node-http.rps', `${fmt(r.bare.requests.average)} req/s  (node:http answering the same ${kb(r.payloadBytes)} JSON)`);
    line('api.nearest.vs-bare.ratio', `${fmt(ratio, 2)}  (target ≥ 0.50: ${verdict(ratio >= 0.5)})`);
    line('api.nearest.latency.p99', `${fmt(r.api.latency.p99, 1)} ms  (p50 ${fmt(r.api.latency.p50, 1)} ms, max ${fmt(r.api.latency.max)} ms; bare p99 ${fmt(r.bare.latency.p99, 1)} ms; ${CONNECTIONS} clients, LOG_LEVEL=warn)`);
    const phone = r.apiPhone;
    line('api.nearest.phone.rps', `${fmt(phone.requests.average)} req/s  (same requests with Accept-Encoding: gzip, deflate, br: ${kb(phone.throughput.average / Math.max(1, phone.requests.average))} brotli per answer; ${fmt(phone.requests.average / r.bare.requests.average, 2)} of the uncompressed bare server; p99 ${fmt(phone.latency.p99, 1)} ms; ${phone.non2xx + phone.errors + phone.timeouts} failed)`);
    line('api.seed.1000-sites', `${fmt(r.seedMs / 1000, 1)} s  (inserted through the sites service)`);
  }

  // Nearest, site detail, a flower and booking slots under load, each beside bare node:http (bench/endpoints.ts).
  if (wanted('endpoints')) {
    for (const r of await endpointsBench({ sites: SITES, connections: CONNECTIONS, seconds: Math.min(seconds, 5) })) {
      const failed = r.api.non2xx + r.api.errors + r.api.timeouts;
      line(`endpoint.${r.name}.rps`, `${fmt(r.api.requests.average)} req/s vs bare ${fmt(r.bare.requests.average)} (ratio ${fmt(r.api.requests.average / r.bare.requests.average, 2)}; ${r.what}, ${CONNECTIONS} clients)`);
      line(`endpoint.${r.name}.latency`, `p50 ${fmt(r.api.latency.p50, 1)} ms, p99 ${fmt(r.api.latency.p99, 1)} ms (bare p50 ${fmt(r.bare.latency.p50, 1)}, p99 ${fmt(r.bare.latency.p99, 1)}); ${fmt(r.api.requests.total)} requests, ${failed} failed (non-2xx ${r.api.non2xx}, errors ${r.api.errors}, timeouts ${r.api.timeouts})`);
    }
  }

  // The bundled cloud function's cold start beside a bare serverless-http handler (bench/cold-start.ts).
  if (wanted('coldstart')) {
    const r = await coldStartBench();
    const ratio = r.fn.wallMs / r.bare.wallMs;
    const ownRatio = (r.fn.wallMs - r.dbReadsMs) / r.bare.wallMs;
    const answer = (s: typeof r.fn) => `${fmt(s.wallMs)} ms from process start (load ${fmt(s.loadMs)} ms + first event ${fmt(s.firstAnswerMs)} ms`;
    line('coldstart.function.first-answer', `${answer(r.fn)}; median of ${r.runs}, GET /sites?near=…&limit=20 on the ${r.sites} demo sites, index saved by an earlier instance)`);
    line('coldstart.function.index', `${answer(r.fnIndex)}; GET /sites/index)`);
    line('coldstart.function.no-saved-index', `${answer(r.fnUnsaved)}; GET /sites?near=… with no current saved index, e.g. no instance ran when the sites changed: reads every site)`);
    line('coldstart.function.full-app', `${answer(r.fnFull)}, which loads Express and the domains; GET /martyrs)`);
    line('coldstart.bare-serverless-http', `${answer(r.bare)})`);
    line('coldstart.database-reads', `${fmt(r.dbReadsMs, 1)} ms of the first answer are the database's (version stamp + saved index, one read; ${fmt(r.dbReadsUnsavedMs, 1)} ms with no saved index: + ${r.sites} sites), timed on a warm connection`);
    line('coldstart.vs-bare.ratio', `${fmt(ratio, 2)}  (target ≤ 2: ${verdict(ratio <= 2)}; without the database's reads ${fmt(ownRatio, 2)}; GET /sites/index ${fmt(r.fnIndex.wallMs / r.bare.wallMs, 2)}; no saved index ${fmt(r.fnUnsaved.wallMs / r.bare.wallMs, 2)} (${fmt((r.fnUnsaved.wallMs - r.dbReadsUnsavedMs) / r.bare.wallMs, 2)} without the database's reads); full-app route ${fmt(r.fnFull.wallMs / r.bare.wallMs, 2)})`);
    line('coldstart.bundle', `${kb(r.bundleBytes)} (gzip ${kb(r.bundleGzipBytes)}), dist/functions/api/bundle.js; whole folder ${kb(r.folderBytes)} with code cache and on-demand exceljs`);
  }

  // (c) the H5 home page on a throttled phone link.
  if (wanted('fast3g')) {
    const r = await fast3gBench(SITES);
    line('fast3g.home.first-visit', `${fmt(r.first.ms / 1000, 2)} s to the nearest list  (target 1.5 s: ${verdict(r.first.ms <= 1500)}; app's own list at ${fmt(r.first.appMs / 1000, 2)} s; seen by Playwright at ${fmt(r.first.observedMs / 1000, 2)} s; ${r.first.requests} requests)`);
    line('fast3g.home.repeat-visit', `${fmt(r.repeat.ms / 1000, 2)} s to the nearest list  (app's own list at ${fmt(r.repeat.appMs / 1000, 2)} s; seen by Playwright at ${fmt(r.repeat.observedMs / 1000, 2)} s; hashed assets from cache; ${r.repeat.requests} requests)`);
    line('fast3g.home.transferred', `${kb(r.first.bytes)} on the first visit, ${kb(r.repeat.bytes)} on the repeat visit`);
    const parts = Object.entries(r.byType).sort((a, b) => b[1] - a[1]).map(([type, bytes]) => `${type} ${kb(bytes)}`);
    line('fast3g.home.first-visit.by-type', parts.join(', '));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(1);
});
