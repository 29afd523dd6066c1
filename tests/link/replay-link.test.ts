import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { createFirmware, serveFirmware } from '../../firmware-sim/index';
import { ManualClock, ManualScheduler } from '../../src/clock';
import { DeviceClient } from '../../src/device/index';
import { MemoryLink } from '../../src/link/memory-link';
import { startPtyPair } from '../../src/link/pty-pair';
import { parseTranscript, ReplayLink, ReplayMismatchError } from '../../src/link/replay-link';
import { SerialLink } from '../../src/link/serial-link';
import { decodeBase32 } from '../../src/otp/index';
import { MessageType } from '../../src/protocol/messages';
import { spawnFirmwareSim } from '../firmware-sim/firmware-process';
import { BIN } from '../helpers/cli';
import { hasTool } from '../helpers/tools';

const SECRET_B32 = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const noTimeouts = () => new ManualScheduler(new ManualClock());

/** What a DeviceClient session sees; run on the real board, then on its replay. */
async function session(client: DeviceClient) {
  const time = await client.getTime();
  const first = await client.press();
  await client.provision({ secret: decodeBase32(SECRET_B32) });
  const second = await client.press();
  const long = await client.press({ long: true });
  return { info: client.info, deviceMs: time.deviceMs, first, second, long };
}

describe.skipIf(!hasTool('socat', 'socat'))('ReplayLink: a recorded session becomes a test', () => {
  it('replays the traffic transcript of a real session (firmware-sim process on a pty) through DeviceClient', async () => {
    const pair = await startPtyPair();
    const child = await spawnFirmwareSim(['--tty', pair.boardPath, '--secret', 'GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ']);
    const lines: string[] = [];
    let recorded: Awaited<ReturnType<typeof session>>;
    try {
      const client = await DeviceClient.open(SerialLink.opener(pair.hostPath), {
        reconnect: false,
        traffic: (line) => lines.push(line),
      });
      recorded = await session(client);
      await client.close();
    } finally {
      child.kill('SIGKILL');
      await pair.stop();
    }
    const transcript = lines.join('\n');
    expect(transcript).not.toContain(Buffer.from(decodeBase32(SECRET_B32)).toString('hex').slice(0, 12));
    expect(transcript).toContain('<PROVISION');

    const replay = ReplayLink.fromText(`some output of the command\n${transcript}\nmore output\n`);
    const client = await DeviceClient.overLink(replay, {
      firstRequestId: replay.firstRequestId,
      scheduler: noTimeouts(), // every answer comes from the transcript, none from a timeout
    });
    const replayed = await session(client);
    expect(replayed).toEqual({ ...recorded, info: { ...recorded.info, port: replay.description } });
    expect(replay.done).toBe(true);
    await client.close();
  });

  it("replays a CLI run's TOKENKIT_DEBUG=traffic output (what a user pastes into a bug report)", async () => {
    const pair = await startPtyPair();
    const child = await spawnFirmwareSim(['--tty', pair.boardPath]);
    let stdout = '';
    let stderr = '';
    try {
      const cli = spawn(process.execPath, [BIN, 'device', 'info', '--port', pair.hostPath, '--json'], {
        env: { PATH: process.env.PATH, LANG: 'en_US.UTF-8', TOKENKIT_DEBUG: 'traffic' },
      });
      cli.stdout.on('data', (d) => (stdout += d));
      cli.stderr.on('data', (d) => (stderr += d));
      expect(await new Promise((resolve) => cli.on('close', resolve))).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await pair.stop();
    }
    const printed = JSON.parse(stdout) as { serial: string };
    const replay = ReplayLink.fromText(stderr);
    const client = await DeviceClient.overLink(replay, {
      firstRequestId: replay.firstRequestId,
      scheduler: noTimeouts(),
    });
    expect(client.info.serial).toBe(printed.serial);
    await client.close();
  });
});

describe('ReplayLink: a host that does something else than the recording', () => {
  it('fails that write with ReplayMismatchError naming both frames; the link stays open', async () => {
    // Record a tiny session in-process (HELLO, GET_TIME) to get a well-formed transcript.
    const [host, board] = MemoryLink.pair();
    const lines: string[] = [];
    const firmware = await createFirmware();
    serveFirmware(firmware, board);
    const recording = await DeviceClient.overLink(host, { traffic: (l) => lines.push(l), firstRequestId: 100 });
    await recording.getTime();
    await recording.close();
    firmware.stop();

    const replay = ReplayLink.fromText(lines.join('\n'));
    expect(replay.firstRequestId).toBe(100);
    const client = await DeviceClient.overLink(replay, { firstRequestId: 100, scheduler: noTimeouts() });
    const error = (await client.press().catch((e: unknown) => e)) as ReplayMismatchError;
    expect(error).toBeInstanceOf(ReplayMismatchError);
    expect(error.index).toBe(1);
    expect(error.expected).toBe('GET_TIME #101');
    expect(error.got).toBe('PRESS #101');
    expect(replay.isOpen).toBe(true);
  });

  it('a transcript without traffic lines is refused with a line saying how to record one', () => {
    expect(() => parseTranscript('tokenkit: error: something\n')).toThrow(/TOKENKIT_DEBUG=traffic/);
  });

  it('reads redacted PROVISION frames by their header', () => {
    const t = parseTranscript('traffic /dev/ttyACM0 > 00<PROVISION 01040500… 28 bytes redacted>00\n');
    expect(t.entries).toEqual([{ dir: '>', frame: { type: MessageType.PROVISION, requestId: 5 } }]);
  });
});
