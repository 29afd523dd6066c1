/**
 * `npm run bench:practice`: 30 learners log in to the practice site at once, over HTTP on loopback, against
 * a real server in its own process (fresh SQLite store file). Each learner is a browser in miniature
 * (cookies, the CSRF field of each page, redirects followed) with a web token in a second "tab": the whole
 * MitID login, 12 requests: login page, start, user ID, the token's button, code, password, approve,
 * result. Side by side: the same 30 logins one after another (no contention), and all 30 at once, in three
 * rounds (each in a new code step), with glibc's default malloc and with MALLOC_ARENA_MAX=2; then the
 * scrypt costs. Reported: p50/p99 page latency over all rounds and the p99 of each, requests/s, and the
 * server's RSS (peak while the class logs in). The learners' browsers are node:http clients with
 * keep-alive, one agent each: fetch() took ~0.7 ms of CPU per request, and the load generator shares this
 * machine's two cores with the server (in a classroom the browsers run on the learners' own machines).
 *
 *   npm run bench:practice [-- --json] [-- --quick]
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_SCRYPT_COST, hashPassword, type ScryptCost } from '../src/practice/passwords';
import { type BenchOptions, formatTable, machineLine, percentile, procUsage, runIfMain } from './lib';

const LEARNERS = 30;
const ROUNDS = 3;
const PASSWORD = 'Blå hest på tur 7';
const P99_TARGET_MS = 50;
const RSS_TARGET_MB = 150;

/** One learner's browser: a cookie jar, the last page, and timings of every request it made. */
class Learner {
  private readonly cookies = new Map<string, string>();
  /** One browser's connections: kept alive, at most two at a time (the page and the token's tab). */
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 2 });
  csrf = '';
  readonly latenciesMs: number[] = [];
  /** The same timings by step (the path with the login id taken out). */
  readonly bySteps: { step: string; ms: number }[] = [];
  constructor(private readonly base: string) {}

  async request(method: 'GET' | 'POST', path: string, fields?: Record<string, string>, accept = 'text/html') {
    const body = fields ? new URLSearchParams({ _csrf: this.csrf, ...fields }).toString() : undefined;
    const started = performance.now();
    const response = await new Promise<{ status: number; headers: IncomingHttpHeaders; text: string }>(
      (resolve, reject) => {
        const req = httpRequest(
          new URL(path, this.base),
          {
            method,
            agent: this.agent,
            headers: {
              accept,
              cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
              ...(body
                ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }
                : {}),
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (chunk: Buffer) => chunks.push(chunk));
            res.on('end', () =>
              resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString() }),
            );
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(body);
      },
    );
    const { text } = response;
    const ms = performance.now() - started;
    this.latenciesMs.push(ms);
    this.bySteps.push({ step: `${method} ${path.replace(/^\/login\/(?!start$)[^/]+/, '/login/:id')}`, ms });
    for (const line of response.headers['set-cookie'] ?? []) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    const csrf = /name="_csrf" value="([^"]+)"/.exec(text);
    if (csrf) this.csrf = csrf[1]!;
    if (response.status >= 400) throw new Error(`${method} ${path}: HTTP ${response.status}`);
    const location = response.headers.location;
    return { status: response.status, location: location ?? null, text };
  }

  async get(path: string) {
    return this.request('GET', path);
  }
  /** Posts a form and follows its 303 like a browser; returns the page it lands on. */
  async post(path: string, fields: Record<string, string>) {
    const r = await this.request('POST', path, fields);
    return r.location ? this.get(r.location) : r;
  }
  /** The web token's button (the learner's second tab), as the page's script presses it. */
  async press(): Promise<string> {
    const r = await this.request('POST', '/token/key', { key: ' ' }, 'application/json');
    return (JSON.parse(r.text) as { code: string }).code;
  }
}

/**
 * The server script bundled to plain JavaScript first (esbuild, packages left external), so the measured
 * process is node running the site, not a TypeScript loader compiling it. Written under node_modules/.cache
 * so the bundle resolves the project's packages.
 */
async function bundleServer(): Promise<string> {
  const { build } = await import('esbuild');
  const outDir = fileURLToPath(new URL('../node_modules/.cache/tokenkit-bench/', import.meta.url));
  mkdirSync(outDir, { recursive: true });
  const outfile = join(outDir, 'practice-server.mjs');
  await build({
    entryPoints: [fileURLToPath(new URL('./practice-server.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return outfile;
}

async function startServer(
  storePath: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; pid: number; stop(): Promise<void> }> {
  const script = await bundleServer();
  const profile = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...profile, script, storePath], { stdio: ['ignore', 'pipe', 'inherit'], env });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`the practice server exited with ${code}`)));
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid: child.pid!,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** A learner through user ID, password and activation with a web token (setup, not measured). */
async function enrol(url: string, n: number, letter: { number: string; code: string }): Promise<Learner> {
  const learner = new Learner(url);
  await learner.get('/create');
  await learner.post('/create', { seat: `Plads ${n}`, userId: `kursist.${n}` });
  await learner.post('/create/password', { password: PASSWORD, repeat: PASSWORD });
  await learner.get('/token');
  const token = await learner.post('/token', { kind: 'code-display' });
  const serial = /id="wt-serial">([^<]+)</.exec(token.text)![1]!;
  await learner.get('/activate');
  await learner.post('/activate/type', { kind: 'code-display' });
  await learner.post('/activate/serial', { serial });
  await learner.post('/activate/letter', { letter: letter.number, code: letter.code });
  const done = await learner.post('/activate/proof', { code: await learner.press() });
  if (!/activate\/done|aktiver/i.test(done.text)) throw new Error(`learner ${n} was not activated`);
  learner.latenciesMs.length = 0;
  learner.bySteps.length = 0;
  return learner;
}

/** The measured part: one whole login, as a learner at the practice bank. */
async function logIn(learner: Learner, n: number): Promise<void> {
  await learner.get('/login');
  const start = await learner.request('POST', '/login/start', { service: 'bank' });
  const loginPath = start.location!;
  await learner.get(loginPath);
  await learner.post(`${loginPath}/user-id`, { userId: `kursist.${n}` });
  const code = await learner.press();
  await learner.post(`${loginPath}/code`, { code });
  const approve = await learner.post(`${loginPath}/password`, { password: PASSWORD });
  if (!approve.text.includes(`${loginPath}/approve`)) throw new Error(`learner ${n}: no approve step`);
  const result = await learner.post(`${loginPath}/approve`, {});
  if (!/logget på|logged in/i.test(result.text)) throw new Error(`learner ${n}: not logged in`);
}

interface Row {
  scenario: string;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** p99 of every request but the password check: scrypt is slow on purpose, the pages are not. */
  p99PagesMs: number;
  maxMs: number;
  requestsPerSec: number;
  wallMs: number;
  serverRssMb: number;
  /** p99 of each round on its own: how much one burst of a class varies from the next. */
  roundP99Ms: number[];
}

/** One round of one scenario: every request's latency, the wall time and the server's peak RSS. */
interface Sample {
  latenciesMs: number[];
  wallMs: number;
  peakRssBytes: number;
}

async function sample(pid: number, learners: Learner[], runAll: () => Promise<void>): Promise<Sample> {
  let peakRssBytes = procUsage(pid).rssBytes;
  const sampler = setInterval(() => (peakRssBytes = Math.max(peakRssBytes, procUsage(pid).rssBytes)), 20);
  const started = performance.now();
  try {
    await runAll();
  } finally {
    clearInterval(sampler);
  }
  const wallMs = performance.now() - started;
  peakRssBytes = Math.max(peakRssBytes, procUsage(pid).rssBytes);
  return { latenciesMs: learners.flatMap((l) => l.latenciesMs.splice(0)), wallMs, peakRssBytes };
}

/** The rounds of one scenario as one row: percentiles over every request of every round. */
function summarize(scenario: string, learners: Learner[], samples: Sample[]): Row {
  const all = Float64Array.from(samples.flatMap((s) => s.latenciesMs)).sort();
  const pages = Float64Array.from(
    learners.flatMap((l) => l.bySteps.filter((s) => !s.step.endsWith('/password')).map((s) => s.ms)),
  ).sort();
  const wallMs = samples.reduce((sum, s) => sum + s.wallMs, 0);
  return {
    scenario,
    requests: all.length,
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    p99PagesMs: percentile(pages, 99),
    maxMs: all[all.length - 1] ?? NaN,
    requestsPerSec: (all.length / wallMs) * 1000,
    wallMs,
    serverRssMb: Math.max(...samples.map((s) => s.peakRssBytes)) / 2 ** 20,
    roundP99Ms: samples.map((s) => percentile(Float64Array.from(s.latenciesMs).sort(), 99)),
  };
}

/** Waits for the next code step, so no login reuses the code its activation used (a replay). */
async function nextStep(periodSec = 30): Promise<void> {
  const leftMs = periodSec * 1000 - (Date.now() % (periodSec * 1000));
  await new Promise((resolve) => setTimeout(resolve, leftMs + 50));
}

interface StepRow {
  step: string;
  requests: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Scrypt (the password step) takes 1 MiB per hash (N = 2^10, r = 8; it was 16 MiB at 2^14) on libuv's
 * threads; glibc gives each thread its own malloc arena and keeps the memory after. The same class is run
 * with glibc's default and with MALLOC_ARENA_MAX=2, side by side.
 */
const SERVERS: { name: string; env: NodeJS.ProcessEnv }[] = [
  { name: 'default malloc', env: {} },
  { name: 'MALLOC_ARENA_MAX=2', env: { MALLOC_ARENA_MAX: '2' } },
];

async function runClass(
  count: number,
  rounds: number,
  server: { name: string; env: NodeJS.ProcessEnv },
): Promise<{ rows: Row[]; steps: StepRow[]; idleRssMb: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-bench-practice-'));
  const env = { PATH: process.env.PATH, HOME: process.env.HOME, ...server.env };
  const site = await startServer(join(dir, 'practice.db'), env);
  try {
    const idleRssMb = procUsage(site.pid).rssBytes / 2 ** 20;
    const trainer = new Learner(site.url);
    await trainer.get('/trainer');
    // The console makes at most 40 letters at a time: as many rounds as the class needs.
    let letters = { text: '' };
    for (let made = 0; made < 2 * count; made += 30)
      letters = await trainer.post('/trainer/letters', { count: String(Math.min(30, 2 * count - made)) });
    const printed = [
      ...letters.text.matchAll(/<strong>(\d+)<\/strong><\/p>\s*<p>[^<]*<span class="code">([^<]+)</g),
    ].map((m) => ({ number: m[1]!, code: m[2]! }));
    if (printed.length < 2 * count) throw new Error(`only ${printed.length} letters on the letters page`);
    // Two classes of `count`: one logs in one learner after another, the other all at once.
    const one = await Promise.all(Array.from({ length: count }, (_, i) => enrol(site.url, i, printed[i]!)));
    const many = await Promise.all(
      Array.from({ length: count }, (_, i) => enrol(site.url, count + i, printed[count + i]!)),
    );
    // Each round in a new code step (a login in the same step would replay the last one's code).
    const oneSamples: Sample[] = [];
    const manySamples: Sample[] = [];
    for (let round = 0; round < rounds; round++) {
      await nextStep();
      oneSamples.push(
        await sample(site.pid, one, async () => {
          for (const [i, learner] of one.entries()) await logIn(learner, i);
        }),
      );
      manySamples.push(
        await sample(site.pid, many, async () => {
          await Promise.all(many.map((learner, i) => logIn(learner, count + i)));
        }),
      );
    }
    const rows = [
      summarize(`${count} logins, one after another (${server.name})`, one, oneSamples),
      summarize(`${count} logins at once (${server.name})`, many, manySamples),
    ];
    const byStep = new Map<string, number[]>();
    for (const l of many) for (const { step, ms } of l.bySteps) byStep.set(step, [...(byStep.get(step) ?? []), ms]);
    const steps = [...byStep].map(([step, list]) => {
      const sorted = Float64Array.from(list).sort();
      return { step, requests: list.length, p50Ms: percentile(sorted, 50), p99Ms: percentile(sorted, 99) };
    });
    return { rows, steps, idleRssMb };
  } finally {
    await site.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

interface CostRow {
  cost: string;
  mib: number;
  oneMs: number;
  /** 30 hashes started at once (a class at the password step): when the last one is done. */
  lastOfClassMs: number;
}

/**
 * The scrypt cost side by side: what one hash takes, and when the last of a class of `count` started at
 * once is done, in this process on libuv's threads (the password step's floor, before any page work).
 */
async function scryptCosts(count: number): Promise<CostRow[]> {
  const random = (n: number) => new Uint8Array(randomBytes(n));
  const rows: CostRow[] = [];
  for (const log2N of [10, 11, 12, 14]) {
    const cost: ScryptCost = { ...DEFAULT_SCRYPT_COST, log2N };
    await hashPassword(PASSWORD, random, cost);
    let started = performance.now();
    for (let i = 0; i < 5; i++) await hashPassword(PASSWORD, random, cost);
    const oneMs = (performance.now() - started) / 5;
    started = performance.now();
    await Promise.all(Array.from({ length: count }, () => hashPassword(PASSWORD, random, cost)));
    const lastOfClassMs = performance.now() - started;
    const name = `N = 2^${log2N}, r = ${cost.r}, p = ${cost.p}${log2N === DEFAULT_SCRYPT_COST.log2N ? ' (the site)' : ''}`;
    rows.push({ cost: name, mib: (128 * 2 ** log2N * cost.r) / 2 ** 20, oneMs, lastOfClassMs });
  }
  return rows;
}

export async function run(
  opts: BenchOptions,
): Promise<{ rows: Row[]; steps: StepRow[]; idleRssMb: number; costs: CostRow[] }> {
  const count = opts.quick ? 10 : LEARNERS;
  // Several bursts, each in its own code step: one burst of 360 requests lasts ~0.2 s, and its p99 moved
  // by +-10 ms from one run to the next on this machine.
  const rounds = opts.quick ? 1 : ROUNDS;
  const rows: Row[] = [];
  let steps: StepRow[] = [];
  let idleRssMb = 0;
  for (const [i, server] of SERVERS.entries()) {
    const result = await runClass(count, rounds, server);
    rows.push(...result.rows);
    if (i === 0) ({ steps, idleRssMb } = result);
  }
  const costs = await scryptCosts(count);
  // Every request but the password check (scrypt, deliberately slow): the pages themselves.
  if (!opts.json) {
    process.stdout.write(`${machineLine()}; server idle RSS ${idleRssMb.toFixed(0)} MB\n\n`);
    process.stdout.write(
      formatTable(
        [
          'scenario',
          'requests',
          'p50 ms',
          'p99 ms',
          'p99 ms each round',
          'p99 ms w/o password',
          'max ms',
          'req/s',
          'server RSS MB',
        ],
        rows.map((r) => [
          r.scenario,
          String(r.requests),
          r.p50Ms.toFixed(1),
          r.p99Ms.toFixed(1),
          r.roundP99Ms.map((v) => v.toFixed(0)).join(' / '),
          r.p99PagesMs.toFixed(1),
          r.maxMs.toFixed(1),
          r.requestsPerSec.toFixed(0),
          r.serverRssMb.toFixed(0),
        ]),
      ),
    );
    process.stdout.write(`\nby step, ${count} logins at once (${SERVERS[0]!.name}):\n\n`);
    process.stdout.write(
      formatTable(
        ['step', 'requests', 'p50 ms', 'p99 ms'],
        steps.map((s) => [s.step, String(s.requests), s.p50Ms.toFixed(1), s.p99Ms.toFixed(1)]),
      ),
    );
    process.stdout.write(
      `\nscrypt cost, in this process (${count} hashes at once = a class at the password step):\n\n`,
    );
    process.stdout.write(
      formatTable(
        ['cost', 'MiB per hash', 'one hash ms', `${count} at once: last done ms`],
        costs.map((c) => [c.cost, String(c.mib), c.oneMs.toFixed(1), c.lastOfClassMs.toFixed(0)]),
      ),
    );
    const atOnce = rows.filter((r) => r.scenario.includes('at once'));
    const worstP99 = Math.max(...atOnce.map((r) => r.p99Ms));
    const worstRss = Math.max(...atOnce.map((r) => r.serverRssMb));
    process.stdout.write(
      `\ntargets at once: p99 < ${P99_TARGET_MS} ms (${worstP99 < P99_TARGET_MS ? 'met' : 'missed'}: ${worstP99.toFixed(0)} ms), server RSS < ${RSS_TARGET_MB} MB (${worstRss < RSS_TARGET_MB ? 'met' : 'missed'}: ${worstRss.toFixed(0)} MB)\n`,
    );
  }
  return { rows, steps, idleRssMb, costs };
}

runIfMain(import.meta.url, 'practice', run);
