import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteTokenStore } from '../../src/store/index';

/**
 * Processes verifying the same codes against one store file at the same time: each step is accepted by
 * exactly one of them. This is what the verifier's single IMMEDIATE transaction per attempt buys; a
 * read-then-write in two transactions would let two processes accept the same code.
 */
const REPO = fileURLToPath(new URL('../..', import.meta.url));
const CONTENDER = fileURLToPath(new URL('./race-verifier.ts', import.meta.url));
const PROCESSES = 3;
const STEPS = 300;
const dir = mkdtempSync(join(tmpdir(), 'tokenkit-race-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('concurrent verifiers in separate processes', () => {
  it('accept each code exactly once between them', { timeout: 120_000 }, async () => {
    const db = join(dir, 'race.db');
    const go = join(dir, 'go');
    const store = new SqliteTokenStore({ path: db });
    store.add({
      user: 'shared',
      kind: 'totp',
      secret: new Uint8Array(20).fill(7),
      algorithm: 'sha1',
      digits: 6,
      periodSec: 30,
      t0Sec: 0,
    });
    store.close();
    let ready = 0;
    const runs = Array.from({ length: PROCESSES }, () => {
      return new Promise<{ code: number | null; accepted: number[]; stderr: string }>((resolve, reject) => {
        const child = spawn(process.execPath, ['--import', 'tsx', CONTENDER, db, go, String(STEPS)], { cwd: REPO });
        let out = '';
        let stderr = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (d.toString().includes('ready') && ++ready === PROCESSES) writeFileSync(go, '');
        });
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        child.on('error', reject);
        child.on('close', (code) => {
          const accepted = [...out.matchAll(/^accepted (\d+)$/gm)].map((m) => Number(m[1]));
          resolve({ code, accepted, stderr });
        });
      });
    });
    const results = await Promise.all(runs);
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const all = results.flatMap((r) => r.accepted).sort((a, b) => a - b);
    const expected = Array.from({ length: STEPS }, (_, i) => 57_000_000 + i + 1);
    // Every step accepted once in total: none lost, none accepted twice.
    expect(all).toEqual(expected);
    // How the wins were shared (scheduling decides; usually more than one process wins some). Not asserted:
    // on a loaded machine one process may run through before the others are scheduled.
    console.log(`race: steps won per process ${results.map((r) => r.accepted.length).join(', ')}`);
  });
});
