import { chmodSync, chownSync, lstatSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes';
import {
  checkRendezvousDir,
  privateRendezvousDir,
  RendezvousDirError,
  rendezvousDirPath,
} from '../../src/link/rendezvous';
import { decodeBase32 } from '../../src/otp/index';
import { type HidSimHandle, startHidSim } from '../../src/sim/index';
import { runCli } from '../helpers/cli';

const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';

/** A directory that is not this user's: chowned to nobody when we are root, else `/` (root's). */
function foreignDir(root: string): string {
  if (process.getuid?.() !== 0) return '/';
  const dir = join(root, 'foreign');
  mkdirSync(dir, { mode: 0o700 });
  chownSync(dir, 65534, 65534);
  return dir;
}

describe('the rendezvous directory is private to the user', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'tokenkit-rdv-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('is $TOKENKIT_RUNTIME_DIR, else $XDG_RUNTIME_DIR/tokenkit, else a per-user dir (never one shared name)', () => {
    expect(rendezvousDirPath({ TOKENKIT_RUNTIME_DIR: '/x/y' })).toBe('/x/y');
    expect(rendezvousDirPath({ XDG_RUNTIME_DIR: '/run/user/1000' })).toBe('/run/user/1000/tokenkit');
    // A relative XDG_RUNTIME_DIR is ignored, as the XDG spec says.
    const fallback = rendezvousDirPath({ XDG_RUNTIME_DIR: 'relative' });
    expect(fallback).toBe(join(tmpdir(), `tokenkit-${process.getuid!()}`));
  });

  it('is created 0700 when missing', () => {
    const dir = privateRendezvousDir({ XDG_RUNTIME_DIR: join(root, 'run') });
    expect(dir).toBe(join(root, 'run', 'tokenkit'));
    expect(lstatSync(dir).mode & 0o777).toBe(0o700);
  });

  it('refuses a directory writable by others, one owned by another user, and a symlink', () => {
    const open = join(root, 'open');
    mkdirSync(open);
    chmodSync(open, 0o777);
    expect(() => checkRendezvousDir(open)).toThrow(RendezvousDirError);
    expect(() => privateRendezvousDir({ TOKENKIT_RUNTIME_DIR: open })).toThrow(/can be written by other users/);
    const foreign = foreignDir(root);
    expect(() => privateRendezvousDir({ TOKENKIT_RUNTIME_DIR: foreign })).toThrow(/belongs to another user/);
    const link = join(root, 'link');
    symlinkSync(join(root, 'run'), link);
    expect(() => privateRendezvousDir({ TOKENKIT_RUNTIME_DIR: link })).toThrow(/is not a directory/);
  });

  describe('a board planted in a shared directory', () => {
    let shared: string;
    let planted: HidSimHandle;
    beforeAll(async () => {
      // Another local user's fake board, in a world-writable directory the victim's tools would scan.
      shared = join(root, 'shared');
      mkdirSync(shared);
      chmodSync(shared, 0o1777);
      planted = await startHidSim({ secret: decodeBase32(SECRET_B32), link: join(shared, 'fake.sock') });
    });
    afterAll(async () => planted?.stop());

    it.each([
      [['device', 'list']],
      [['device', 'provision', '--generate']],
      [['device', 'info', '--hid', '1209:0002']],
      [['sim', '--hid', '--headless']],
    ])('%j refuses the directory with one line (exit 2) and never talks to the board', async (argv) => {
      const r = await runCli(argv, { TOKENKIT_RUNTIME_DIR: shared });
      expect(r.code).toBe(EXIT.USAGE);
      const lines = r.stderr.trim().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/can be written by other users.*chmod 700/);
      expect(r.stdout).not.toContain('fake.sock');
      expect(planted.firmware.serial).toBeTruthy();
    });

    it('in Danish too', async () => {
      const r = await runCli(['device', 'list', '--lang', 'da'], { TOKENKIT_RUNTIME_DIR: shared });
      expect(r.stderr).toMatch(/kan skrives af andre brugere/);
    });
  });

  it('`sim --hid` puts its socket in the private directory ($XDG_RUNTIME_DIR/tokenkit), mode 0600', async () => {
    const env = { XDG_RUNTIME_DIR: join(root, 'xdg') };
    mkdirSync(env.XDG_RUNTIME_DIR, { mode: 0o700 });
    const sim = await startHidSim({ secret: decodeBase32(SECRET_B32) }, undefined, env);
    try {
      expect(sim.socketPath).toBe(join(root, 'xdg', 'tokenkit', `${sim.serial}.sock`));
      expect(lstatSync(sim.socketPath).mode & 0o077).toBe(0);
      const r = await runCli(['device', 'list', '--json'], env);
      expect(r.code).toBe(EXIT.OK);
      expect(JSON.parse(r.stdout)).toContainEqual(expect.objectContaining({ path: sim.socketPath }));
    } finally {
      await sim.stop();
    }
  });
});
