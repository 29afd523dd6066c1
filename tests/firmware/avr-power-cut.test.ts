import { beforeAll, describe, expect, it } from 'vitest';
import { AvrBoard, CYCLES_PER_MS } from '../../firmware-sim/avr/index';
import { generateHotp } from '../../src/otp/totp';
import { encodeFrame } from '../../src/protocol/codec';
import { type Message, MessageType, PROTOCOL_VERSION } from '../../src/protocol/messages';
import { companionFirmware, hasAvrToolchain } from './avr-build';
import { frameLog } from './avr-drive';

// Power cuts in the middle of PROVISION's EEPROM write (issue 8 item 5): the board must come back with the
// old secret or the new one, whole, and never without one. The cut stops the CPU at a seeded random cycle
// inside the write; a byte still being programmed is left torn (some bits erased/programmed, some not).
const CUTS = 50;
const OLD = { secret: new TextEncoder().encode('12345678901234567890'), algorithm: 'sha1', digits: 6 } as const;
const NEW = {
  secret: Uint8Array.from({ length: 32 }, (_, i) => (i * 29 + 3) & 0xff),
  algorithm: 'sha256',
  digits: 8,
} as const;
const RTC_START_MS = Date.UTC(2026, 5, 1, 12, 0, 0);
const SEED = 0x5eed;

type Params = typeof OLD | typeof NEW;

function provisionFrame(p: Params, requestId: number): Uint8Array {
  return encodeFrame({
    type: MessageType.PROVISION,
    requestId,
    algorithm: p.algorithm,
    digits: p.digits,
    periodSec: 30,
    t0Sec: 0,
    secret: p.secret,
  } as Message);
}
const frame = (m: Message) => encodeFrame(m, PROTOCOL_VERSION);

function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1103515245 + 12345) >>> 0;
    return s >>> 8;
  };
}

/** Boots a board from `eeprom`, sends `bytes` at once and runs until `done` or `limitMs`. */
async function boot(eeprom: Uint8Array | undefined, rtcMs: number) {
  const board = AvrBoard.create({
    program: companionFirmware(),
    rtc: { startMs: rtcMs },
    seed: SEED,
    ...(eeprom ? { eeprom } : {}),
  });
  return { board, log: frameLog(board) };
}

async function request(
  board: AvrBoard,
  log: ReturnType<typeof frameLog>,
  bytes: Uint8Array,
  requestId: number,
): Promise<Message> {
  await board.link.write(bytes);
  const ok = await board.runUntil(() => log.frames.some((f) => f.message.requestId === requestId), 3000);
  if (!ok) throw new Error(`no reply to request ${requestId}`);
  return log.frames.find((f) => f.message.requestId === requestId)!.message;
}

describe.skipIf(!hasAvrToolchain())('power cuts during a PROVISION EEPROM write', () => {
  let provisioned: Uint8Array;
  let serial: string;
  /** Board cycle at which each EEPROM cell write of the new secret starts (same in every identical run). */
  let writes: number[];
  /** Board cycle at which the STATUS OK reply to the new PROVISION had gone out. */
  let replyCycle: number;

  beforeAll(async () => {
    // A board with the old secret, as it would sit on a desk.
    const { board, log } = await boot(undefined, RTC_START_MS);
    const info = await request(board, log, frame({ type: MessageType.HELLO, requestId: 1, hostProtocolVersion: 1 }), 1);
    if (info.type !== MessageType.INFO) throw new Error('no INFO');
    serial = info.serial;
    expect(await request(board, log, provisionFrame(OLD, 2), 2)).toMatchObject({ type: MessageType.STATUS, status: 0 });
    provisioned = board.cutPower(); // after the reply: the write is complete
    // Where the new secret's write happens, in cycles from power-up of an identical run.
    const probe = await boot(provisioned, RTC_START_MS);
    writes = [];
    probe.board.onEepromWrite = (_addr, _value, cycle) => writes.push(cycle);
    const sentAt = probe.board.boardCycles();
    expect(await request(probe.board, probe.log, provisionFrame(NEW, 3), 3)).toMatchObject({ status: 0 });
    replyCycle = probe.log.frames.find((f) => f.message.requestId === 3)!.atMs * CYCLES_PER_MS;
    expect(writes.length).toBeGreaterThan(NEW.secret.length);
    expect(writes[0]!).toBeGreaterThanOrEqual(sentAt);
    await probe.board.close();
  });

  it(`the board keeps the old or the new secret, never a mix and never none (${CUTS} cuts)`, async () => {
    const random = seeded(SEED);
    const outcomes = { old: 0, new: 0 };
    for (let cut = 0; cut < CUTS; cut++) {
      // Stratified: cut i < 45 falls while byte k_i is being programmed (3.6 ms: erase + write), with k_i
      // spread evenly from the first byte to the last, so every part of the store's sequence (the new
      // slot's body, its CRC and sequence number) is cut somewhere with a torn byte; the last 5 fall after
      // the last byte is done and before the STATUS reply went out (the write is complete: the new secret).
      const programMs = 3.6;
      let atCycle: number;
      if (cut < CUTS - 5) {
        const k = Math.min(
          writes.length - 1,
          Math.floor(((cut + (random() % 1000) / 1000) * writes.length) / (CUTS - 5)),
        );
        atCycle = writes[k]! + (random() % (programMs * CYCLES_PER_MS));
      } else {
        const doneCycle = writes.at(-1)! + programMs * CYCLES_PER_MS;
        atCycle = doneCycle + (random() % Math.max(1, replyCycle - doneCycle));
      }
      const { board } = await boot(provisioned, RTC_START_MS);
      await board.link.write(provisionFrame(NEW, 3));
      await board.runFor((atCycle - board.boardCycles()) / CYCLES_PER_MS);
      // The CPU stops at the first instruction boundary at or after the cut (an instruction is 1-4 cycles).
      expect(board.boardCycles() - atCycle).toBeLessThan(5);
      const image = board.cutPower(() => random() & 0xff);

      // Power back on, with the RTC's coin cell having kept the time.
      const after = await boot(image, RTC_START_MS + atCycle / CYCLES_PER_MS);
      const info = await request(
        after.board,
        after.log,
        frame({ type: MessageType.HELLO, requestId: 9, hostProtocolVersion: 1 }),
        9,
      );
      expect(info, `cut at cycle ${atCycle}`).toMatchObject({ type: MessageType.INFO, provisioned: true, serial });
      const reply = await request(
        after.board,
        after.log,
        frame({ type: MessageType.PRESS, requestId: 10, long: false }),
        10,
      );
      if (reply.type !== MessageType.CODE)
        throw new Error(`cut at cycle ${atCycle}: PRESS answered ${JSON.stringify(reply)}`);
      const codeOf = (p: Params) =>
        generateHotp({ secret: p.secret, counter: reply.step, algorithm: p.algorithm, digits: p.digits });
      const which = reply.code === codeOf(OLD) ? 'old' : reply.code === codeOf(NEW) ? 'new' : 'mix';
      expect(which, `cut at cycle ${atCycle} gave code ${reply.code}`).not.toBe('mix');
      outcomes[which as 'old' | 'new']++;
      await after.board.close();
    }
    // The cuts fell on both sides of the commit point, so both outcomes were exercised.
    expect(outcomes.old, JSON.stringify(outcomes)).toBeGreaterThan(0);
    expect(outcomes.new, JSON.stringify(outcomes)).toBeGreaterThan(0);
  });
});
