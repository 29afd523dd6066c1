import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/exit-codes';
import { run } from '../../src/cli/program';
import { t } from '../../src/i18n/index';
import { runCli } from '../helpers/cli';
import { until } from '../helpers/wait';

const SECRET_B32 = 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ';
const dir = mkdtempSync(join(tmpdir(), 'tokenkit-workflow-fixes-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
// A store of our own, so a wrongly used default store is one these tests can see.
const env = { TOKENKIT_STORE: join(dir, 'env.db'), XDG_STATE_HOME: dir };

describe('exit codes that disagreed with the docs (issue 10 item 13)', () => {
  it('a malformed --hid id is bad input (2), not a device problem (4)', async () => {
    for (const target of ['zzzz:0002', '1209:', ':0002']) {
      const r = await runCli(['device', 'info', '--hid', target], env);
      expect(r.code, target).toBe(EXIT.USAGE);
      expect(r.stderr, target).toBe(`tokenkit: ${t('en', 'hid.error.badTarget', { target })}\n`);
    }
  });

  it('Ctrl-C typed into the terminal simulator (raw mode: a key, not SIGINT) exits 130; q exits 0', async () => {
    for (const [key, code] of [
      ['\x03', EXIT.INTERRUPTED],
      ['q', EXIT.OK],
    ] as const) {
      const stdin = new PassThrough();
      let out = '';
      const running = run(['sim', '--plain', '--secret', SECRET_B32], {
        stdout: (s) => (out += s),
        stderr: (s) => (out += s),
        env: { LANG: 'en_US.UTF-8', ...env },
        isTTY: false,
        stdin,
      });
      // Wait for the ready line, then type the key.
      await until(
        'the ready line',
        () => out.includes('\n'),
        () => out,
      );
      stdin.write(key);
      expect(await running).toBe(code);
    }
  });
});

describe('provisioning consistency (issue 10 item 8)', () => {
  it('an HOTP key URI is refused before any board is opened (it registered a TOTP token)', async () => {
    const uri = `otpauth://hotp/tokenkit:eva?secret=${SECRET_B32}&counter=0`;
    const r = await runCli(['device', 'provision', '--port', '/dev/null', '--uri', uri, '--register', 'eva'], env);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.stderr).toBe(`tokenkit: ${t('en', 'device.provision.error.hotp')}\n`);
  });

  it('--store "" is refused by provision --register and by watch --user, not taken for the default store', async () => {
    const empty = `tokenkit: ${t('en', 'store.error.emptyPath')}\n`;
    const provision = await runCli(
      ['--store', '', 'device', 'provision', '--port', '/dev/null', '--secret', SECRET_B32, '--register', 'eva'],
      env,
    );
    expect(provision.code).toBe(EXIT.USAGE);
    expect(provision.stderr).toBe(empty);
    const watch = await runCli(['--store', '', 'device', 'watch', '--port', '/dev/null', '--user', 'eva'], env);
    expect(watch.code).toBe(EXIT.USAGE);
    expect(watch.stderr).toBe(empty);
  });
});
