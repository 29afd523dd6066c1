/**
 * Pictures of the emulated display for the docs: boots the shipped firmware (firmware/prebuilt) in
 * AvrBoard, presses its button, and writes what the decoded MAX7219 shows with renderDisplayPng.
 *
 *   npm run docs:display      # writes docs/display-code.png, docs/display-not-provisioned.png and
 *                             # docs/display-clock-untrusted.png
 *
 * Deterministic: fixed seed, fixed DS3231 time and the RFC 6238 test secret, so the same firmware gives
 * the same pictures. The board runs unpaced in virtual time (a few seconds of CPU).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { AvrBoard, type DecodedDisplay, renderDisplayPng } from '../firmware-sim/avr/index';
import { DeviceClient } from '../src/device/index';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** RFC 6238's SHA-1 test secret (never a real one). */
const SECRET = new TextEncoder().encode('12345678901234567890');
/** 2026-03-10 09:00:12 UTC: 18 s left in the 30 s step. */
const START_MS = Date.UTC(2026, 2, 10, 9, 0, 12);
const SCALE = 2;

/** Runs the unpaced board in virtual time until work settles. */
async function drive<T>(board: AvrBoard, work: Promise<T>): Promise<T> {
  let done = false;
  work.then(
    () => {
      done = true;
    },
    () => {
      done = true;
    },
  );
  await board.runUntil(() => done, 10_000);
  return work;
}

/** A press on the board's button (D2), then what the display shows once it has settled. */
async function pressAndRead(board: AvrBoard): Promise<DecodedDisplay> {
  board.press(80);
  await board.runFor(400);
  return board.display;
}

async function picture(
  file: string,
  rtc: NonNullable<Parameters<typeof AvrBoard.create>[0]>['rtc'],
  provision: boolean,
): Promise<DecodedDisplay> {
  const board = AvrBoard.create({ rtc, seed: 1 });
  try {
    await board.runFor(1_800); // boot and find the DS3231's second edge
    if (provision) {
      const client = await drive(board, DeviceClient.overLink(board.link));
      await drive(board, client.provision({ secret: SECRET, digits: 6, periodSec: 30 }));
      await client.close();
    }
    const display = await pressAndRead(board);
    writeFileSync(`${ROOT}docs/${file}`, renderDisplayPng(display, { scale: SCALE }));
    console.log(`docs/${file}: ${JSON.stringify(display.digits)} dots ${JSON.stringify(display.dots)}`);
    return display;
  } finally {
    await board.close();
  }
}

await picture('display-code.png', { startMs: START_MS }, true);
await picture('display-not-provisioned.png', { startMs: START_MS }, false);
await picture('display-clock-untrusted.png', false, true);
