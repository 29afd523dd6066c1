import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Loads {
  /** npm packages the process imported or required (first path segment(s) after node_modules/). */
  packages: string[];
  /** Native addons (.node files) the process opened (process.dlopen). */
  native: string[];
  /** Every file the process imported or required, as paths (the entry point too). */
  files: string[];
  status: number | null;
  stdout: string;
}

/**
 * Runs node with `args` and reports which packages and native modules it loaded: an ESM resolve hook
 * sees imports, a Module._load wrapper sees require(), and process.dlopen sees every .node file.
 */
export function loadsOf(args: string[], env: NodeJS.ProcessEnv = {}): Loads {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-loads-'));
  try {
    const out = join(dir, 'loads.json');
    writeFileSync(
      join(dir, 'hooks.mjs'),
      `export async function resolve(s, c, next) { const r = await next(s, c); globalThis.port?.postMessage(r.url); return r; }
       export function initialize(data) { globalThis.port = data.port; }`,
    );
    writeFileSync(
      join(dir, 'register.mjs'),
      `import { register, createRequire } from 'node:module';
       import { MessageChannel } from 'node:worker_threads';
       import { writeFileSync } from 'node:fs';
       const seen = new Set(); const native = [];
       const { port1, port2 } = new MessageChannel();
       port1.on('message', (url) => seen.add(url)); port1.unref();
       register('./hooks.mjs', { parentURL: import.meta.url, data: { port: port2 }, transferList: [port2] });
       const Module = createRequire(import.meta.url)('node:module');
       const load = Module._load;
       Module._load = function (request, parent, isMain) { const m = load.apply(this, arguments); try { seen.add(Module._resolveFilename(request, parent)); } catch {} return m; };
       const dlopen = process.dlopen;
       process.dlopen = function (m, file, ...rest) { native.push(file); return dlopen.call(this, m, file, ...rest); };
       process.on('exit', () => writeFileSync(${JSON.stringify(out)}, JSON.stringify({ seen: [...seen], native })));`,
    );
    const r = spawnSync(process.execPath, ['--import', join(dir, 'register.mjs'), ...args], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, LANG: 'en_US.UTF-8', ...env },
    });
    const { seen, native } = JSON.parse(readFileSync(out, 'utf8')) as {
      seen: string[];
      native: string[];
    };
    const packages = new Set<string>();
    for (const url of seen) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
      if (m) packages.add(m[1]!);
    }
    const files = [
      ...new Set(
        seen
          .filter((id) => id.startsWith('/') || id.startsWith('file:'))
          .map((id) => (id.startsWith('file:') ? fileURLToPath(id) : id)),
      ),
    ];
    return { packages: [...packages].sort(), native, files, status: r.status, stdout: r.stdout };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
