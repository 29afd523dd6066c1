import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/program';
import { runCli } from '../helpers/cli';

const dirs: string[] = [];
afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

function storeFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tokenkit-practice-cli-'));
  dirs.push(dir);
  return join(dir, 'store.db');
}

/** Runs `tokenkit practice` in-process until `ready` sees its output, then stops it as Ctrl-C would. */
async function serve(args: string[], env: NodeJS.ProcessEnv = {}, ready = (out: string) => out.includes('Ctrl-C')) {
  const controller = new AbortController();
  let stdout = '';
  let stderr = '';
  let seen: () => void = () => {};
  const seenOutput = new Promise<void>((resolve) => (seen = resolve));
  const check = () => ready(stdout) && seen();
  const done = run(
    ['--store', storeFile(), 'practice', '--port', '0', ...args],
    {
      stdout: (s) => ((stdout += s), check()),
      stderr: (s) => ((stderr += s), check()),
      env: { LANG: 'en_US.UTF-8', ...env },
      isTTY: false,
    },
    controller.signal,
  );
  await Promise.race([seenOutput, done]);
  const url = /http:\/\/[^\s]+\//.exec(stdout)?.[0];
  const page = url ? await fetch(url).then(async (r) => ({ status: r.status, text: await r.text() })) : undefined;
  controller.abort();
  return { code: await done, stdout, stderr, url, page };
}

describe('tokenkit practice', () => {
  it('serves the site on loopback, prints its URL, and stops cleanly when interrupted', async () => {
    const result = await serve([]);
    expect(result.code).toBe(0);
    expect(result.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(result.stdout).toContain(`Trainer console: ${result.url}trainer`);
    expect(result.stderr).toBe('');
    expect(result.page?.status).toBe(200);
    // Pages are Danish by default, whatever the terminal's locale.
    expect(result.page?.text).toContain('<html lang="da">');
  });

  it('warns beyond loopback, makes and prints a trainer passphrase, and shows a QR code', async () => {
    const result = await serve(['--host', '0.0.0.0'], {}, (out) => out.includes('Ctrl-C'));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Warning: the site can be reached by every computer on this network');
    expect(result.stdout).toMatch(
      /Trainer passphrase \(made for this run.*\): [a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}/,
    );
    expect(result.stdout).toContain('Scan to open the practice site');
    expect(result.stdout).toMatch(/[▀▄█]{10}/);
  });

  it('never prints a passphrase chosen in the environment', async () => {
    const result = await serve(['--host', '0.0.0.0'], { TOKENKIT_TRAINER_PASSPHRASE: 'vores hemmelige frase' });
    expect(result.code).toBe(0);
    expect(result.stdout + result.stderr).not.toContain('vores hemmelige frase');
    expect(result.stdout).not.toContain('Trainer passphrase');
  });

  it('refuses a bad port, a short passphrase and a port in use with one line and exit 2', async () => {
    const bad = await runCli(['--store', storeFile(), 'practice', '--port', 'eighty']);
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toHaveLength(1);
    expect(bad.stderr).toContain("--port 'eighty' is not a port");
    const big = await runCli(['--store', storeFile(), 'practice', '--port', '70000']);
    expect(big.code).toBe(2);
    const short = await runCli(['--store', storeFile(), 'practice', '--host', '0.0.0.0', '--port', '0'], {
      TOKENKIT_TRAINER_PASSPHRASE: 'kort',
    });
    expect(short.code).toBe(2);
    expect(short.stderr).toContain('the trainer passphrase is too short (4 characters)');
    expect(short.stderr).not.toContain('kort');

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const taken = await runCli(['--store', storeFile(), 'practice', '--port', String(port), '--lang', 'da']);
      expect(taken.code).toBe(2);
      expect(taken.stderr.trim()).toBe(
        `tokenkit: øvelsessiden kunne ikke lytte på 127.0.0.1:${port} (EADDRINUSE): vælg en anden --port eller --host`,
      );
    } finally {
      blocker.close();
    }
  });

  it('documents itself in --help, in Danish too', async () => {
    const en = await runCli(['practice', '--help']);
    expect(en.code).toBe(0);
    expect(en.stdout).toContain('--host <address>');
    expect(en.stdout).toContain('TOKENKIT_TRAINER_PASSPHRASE');
    const da = await runCli(['practice', '--help', '--lang', 'da']);
    expect(da.stdout).toContain('start øvelsessiden');
    expect(da.stdout).toContain('--host <adresse>');
    expect(da.stdout).toContain('--port <tal>');
  });
});
