import { describe, expect, it } from 'vitest';
import { AvrBoard, type AvrBoardOptions } from '../../firmware-sim/avr/index';
import { encodeFrame } from '../../src/protocol/codec';
import { type Message, MessageType } from '../../src/protocol/messages';
import { companionFirmware, hasAvrToolchain } from './avr-build';
import { compileFixture } from './avr-fixtures';

// The harness's fast-forward (timer ticks nobody reads counted in one step, busy-waits jumped) claims to
// change no cycle. Checked: the same inputs with and without it give the same bytes at the same cycles,
// the same display changes at the same instants and the same EEPROM.
async function scenario(program: Uint8Array, fastForward: AvrBoardOptions['fastForward'], firmware: boolean) {
  const board = AvrBoard.create({
    program,
    rtc: { startMs: Date.UTC(2026, 6, 1, 6, 0, 12, 345) },
    seed: 9,
    fastForward,
  });
  const tx: number[] = [];
  const display: string[] = [];
  board.onTransmit((byte, cycle) => tx.push(byte, cycle));
  board.onDisplay((d) => display.push(`${board.boardCycles()}:${d.digits}`));
  await board.runFor(2_000);
  if (firmware) {
    const send = (m: Message) => board.link.write(encodeFrame(m));
    await send({
      type: MessageType.PROVISION,
      requestId: 1,
      algorithm: 'sha256',
      digits: 6,
      periodSec: 30,
      t0Sec: 0,
      secret: new Uint8Array(32).fill(0x42),
    } as Message);
    await board.runFor(500);
    await send({ type: MessageType.PRESS, requestId: 2, long: false });
    await board.runFor(3_000);
    board.press(120);
    await board.runFor(34_000); // a step boundary while shown, then the display timeout
    await send({ type: MessageType.GET_TIME, requestId: 3 });
    await board.runFor(200);
  } else {
    board.press(50);
    await board.runFor(3_000);
  }
  const eeprom = Uint8Array.from(board.eeprom);
  await board.close();
  return { tx, display, eeprom };
}

describe.skipIf(!hasAvrToolchain())('fast-forward changes no cycle', () => {
  it('the companion firmware: provision, PRESS, a button press, a step boundary and a timeout', async () => {
    const program = companionFirmware();
    const fast = await scenario(program, true, true);
    const slow = await scenario(program, { timerTicks: false, busyWaits: false }, true);
    expect(fast.tx.length).toBeGreaterThan(200);
    expect(fast.display.length).toBeGreaterThan(30);
    expect(fast.tx).toEqual(slow.tx);
    expect(fast.display).toEqual(slow.display);
    expect(fast.eeprom).toEqual(slow.eeprom);
  });

  it('a Timer1 /1024 compare firmware with a button (tests/firmware/fixtures/timer-sleep.c)', async () => {
    const program = compileFixture('timer-sleep');
    const fast = await scenario(program, true, false);
    const slow = await scenario(program, { timerTicks: false, busyWaits: false }, false);
    expect(fast.tx.length).toBeGreaterThan(40);
    expect(fast.tx).toEqual(slow.tx);
  });
});
