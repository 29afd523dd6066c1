import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvrBoard, type DecodedDisplay, renderDisplayBlocks } from '../../firmware-sim/avr/index';
import { DeviceClient } from '../../src/device/index';
import { encodeBase32 } from '../../src/otp/encoding';
import { getProfile } from '../../src/profiles/builtin';
import { MessageType } from '../../src/protocol/messages';
import { runBin } from '../helpers/cli';
import { companionFirmware, hasAvrToolchain } from './avr-build';
import { drive, frameLog } from './avr-drive';

// What a person reads on the MAX7219 of the emulated board, against the wire and the CLI.
const SECRET = new TextEncoder().encode('12345678901234567890');
const PERIOD_SEC = 30;
// 20 s into a step: a press now shows a code with 10 s left, and the step ends while it is shown.
const START_MS = Date.UTC(2026, 2, 10, 9, 0, 20);
const TIMEOUT_MS = getProfile('code-display').displayTimeoutMs;

describe.skipIf(!hasAvrToolchain())('the emulated board display (MAX7219 decoded)', () => {
  let board: AvrBoard;
  let client: DeviceClient;
  let log: ReturnType<typeof frameLog>;
  const changes: { atMs: number; display: DecodedDisplay }[] = [];
  let pressAtMs = 0;

  beforeAll(async () => {
    board = AvrBoard.create({ program: companionFirmware(), rtc: { startMs: START_MS }, seed: 3 });
    log = frameLog(board);
    board.onDisplay((display) => changes.push({ atMs: board.boardTimeMs(), display }));
    // Let the firmware find the RTC's second edge, then provision over the wire.
    await board.runFor(1800);
    client = await drive(board, DeviceClient.overLink(board.link));
    await drive(board, client.provision({ secret: SECRET, digits: 6, periodSec: PERIOD_SEC }));
    // 100 ms before a whole second of the RTC: the press lands well inside a second.
    await board.runFor(1000 - ((START_MS + board.boardTimeMs()) % 1000) + 400);
    board.press(80);
    await board.runUntil(
      () => board.display.code !== undefined && log.frames.some((f) => f.message.type === MessageType.CODE_SHOWN),
      1000,
    );
    // The press counts when the firmware has debounced the release (BUTTON): the timeout runs from there.
    pressAtMs = log.frames.find((f) => f.message.type === MessageType.BUTTON)!.atMs;
  });
  afterAll(async () => {
    await client?.close();
    await board?.close();
  });

  it('after a press it shows the code CODE_SHOWN reported, which `tokenkit code` computes too', async () => {
    const shown = log.frames.find((f) => f.message.type === MessageType.CODE_SHOWN && f.atMs >= pressAtMs);
    if (shown?.message.type !== MessageType.CODE_SHOWN) throw new Error('no CODE_SHOWN after the press');
    expect(board.display.on).toBe(true);
    expect(board.display.code).toBe(shown.message.code);
    const cli = await runBin([
      'code',
      '--secret',
      encodeBase32(SECRET),
      '--time',
      String(shown.message.step * PERIOD_SEC),
    ]);
    expect(cli.code).toBe(0);
    expect(cli.stdout.trim()).toBe(board.display.code);
    // The countdown on the right two digits: whole seconds left, rounded up.
    const secondsLeft = shown.message.remainingMs / 1000;
    expect(board.display.remainingSec).toBeGreaterThanOrEqual(Math.floor(secondsLeft));
    expect(board.display.remainingSec).toBeLessThanOrEqual(Math.ceil(secondsLeft));
    expect(renderDisplayBlocks(board.display).join('\n')).toContain('█');
  });

  it('counts down once a second and flips to the next code at the step boundary while shown', async () => {
    const first = board.display.code!;
    const rtcNow = START_MS + board.boardTimeMs();
    const boundaryBoardMs = Math.ceil(rtcNow / (PERIOD_SEC * 1000)) * PERIOD_SEC * 1000 - START_MS;
    await board.runFor(boundaryBoardMs - board.boardTimeMs() + 300);
    const flip = changes.find((c) => c.display.code !== undefined && c.display.code !== first);
    expect(flip).toBeDefined();
    // The new code appears at the boundary, after the HMAC (tens of ms at 16 MHz) and the 2 ms the
    // harness waits for digits to settle, never before it.
    expect(flip!.atMs).toBeGreaterThanOrEqual(boundaryBoardMs);
    expect(flip!.atMs).toBeLessThan(boundaryBoardMs + 100);
    const next = log.frames.find((f) => f.message.type === MessageType.CODE_SHOWN && f.atMs >= boundaryBoardMs);
    if (next?.message.type !== MessageType.CODE_SHOWN) throw new Error('no CODE_SHOWN at the boundary');
    expect(flip!.display.code).toBe(next.message.code);
    expect(flip!.display.remainingSec).toBe(PERIOD_SEC);
    // Before the flip the countdown ran down second by second to 01.
    const countdown = changes
      .filter((c) => c.atMs < boundaryBoardMs && c.display.code === first)
      .map((c) => c.display.remainingSec);
    expect(countdown.at(-1)).toBe(1);
    for (let i = 1; i < countdown.length; i++) expect(countdown[i]).toBe(countdown[i - 1]! - 1);
    // While the next code's HMAC runs the old code stays up with its 01: never 00 (firmware/README.md).
    const atBoundary = changes.filter((c) => c.atMs >= boundaryBoardMs - 1_000 && c.atMs <= flip!.atMs);
    expect(atBoundary.map((c) => c.display.remainingSec)).toEqual([1, PERIOD_SEC]);
  });

  it("blanks after the profile's display timeout and says so with DISPLAY_OFF", async () => {
    await board.runFor(pressAtMs + TIMEOUT_MS + 500 - board.boardTimeMs());
    const off = changes.find((c) => c.atMs > pressAtMs && !c.display.on);
    expect(off).toBeDefined();
    expect(off!.atMs - pressAtMs).toBeGreaterThanOrEqual(TIMEOUT_MS);
    expect(off!.atMs - pressAtMs).toBeLessThan(TIMEOUT_MS + 100);
    expect(board.display).toMatchObject({ on: false, digits: '        ' });
    const event = log.frames.find((f) => f.message.type === MessageType.DISPLAY_OFF && f.atMs > pressAtMs);
    expect(event).toBeDefined();
    expect(event!.atMs).toBeGreaterThanOrEqual(off!.atMs - 5);
  });
});
