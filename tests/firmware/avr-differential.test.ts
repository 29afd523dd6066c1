import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AvrBoard } from '../../firmware-sim/avr/index';
import {
  createFirmware,
  MemoryFlash,
  serveFirmware,
  type TokenFirmware,
  type WireServer,
} from '../../firmware-sim/index';
import { ManualClock, ManualScheduler } from '../../src/clock';
import { MemoryLink } from '../../src/link/memory-link';
import { stepAt, stepEndMs } from '../../src/otp/timing';
import { getProfile } from '../../src/profiles/builtin';
import { encodeFrame, FrameDecoder } from '../../src/protocol/codec';
import { type Message, MessageType, PROTOCOL_VERSION } from '../../src/protocol/messages';
import { rawFrame } from '../conformance/device-tests';
import { companionFirmware, hasAvrToolchain } from './avr-build';

// The TypeScript model (firmware-sim/firmware.ts, manual clock) and the C firmware (in avr8js, virtual
// time) get the same seeded sequence of requests, button presses and clock moves, and must send the same
// frames, window by window. The TypeScript model's clock follows the emulated board's time, so both see
// the same instants. Masked: INFO's serial and firmware version (made per board). Compared within a
// tolerance: TIME.deviceMs and remainingMs (the C board needs real time to receive a frame and to compute
// an HMAC: up to ~100 ms at 16 MHz; the model needs none).
// DIFF_ACTIONS=N runs a longer (or shorter) sequence; DIFF_TRACE=1 prints each window.
const ACTIONS = Number(process.env.DIFF_ACTIONS ?? 100);
const SEED = 20260601;
const TOLERANCE_MS = 150;
/** Settle time after each action: every frame an action causes is out by then on both sides. */
const SETTLE_MS = 250;
const START_MS = Date.UTC(2026, 5, 1, 8, 0, 3, 250);
const PROFILE = getProfile('code-display');

function prng(seed: number): {
  int(lo: number, hi: number): number;
  pick<T>(xs: readonly T[]): T;
  bytes(n: number): Uint8Array;
} {
  let s = seed >>> 0;
  const next = () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 2 ** 32;
  };
  return {
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (xs) => xs[Math.floor(next() * xs.length)]!,
    bytes: (n) => Uint8Array.from({ length: n }, () => Math.floor(next() * 256)),
  };
}

/** A frame as compared: masked fields out, tolerance fields split off. */
function shape(m: Message): { exact: unknown; timesMs: number[] } {
  const copy: Record<string, unknown> = { ...m };
  const timesMs: number[] = [];
  if (m.type === MessageType.INFO) {
    copy.serial = '<serial>';
    copy.firmwareVersion = '<version>';
  }
  for (const key of ['deviceMs', 'remainingMs'] as const) {
    if (key in copy) {
      timesMs.push(copy[key] as number);
      copy[key] = '<ms>';
    }
  }
  for (const [k, v] of Object.entries(copy)) if (v instanceof Uint8Array) copy[k] = Buffer.from(v).toString('hex');
  return { exact: copy, timesMs };
}

interface Provisioned {
  periodSec: number;
  t0Sec: number;
}

describe.skipIf(!hasAvrToolchain())('differential: TypeScript model vs C firmware in the emulator', () => {
  let avr: AvrBoard;
  const avrFrames: Message[] = [];
  let clock: ManualClock;
  let scheduler: ManualScheduler;
  let model: TokenFirmware;
  let server: WireServer;
  let host: MemoryLink;
  let boardEnd: MemoryLink;
  const flash = new MemoryFlash();
  const modelFrames: Message[] = [];
  let avrStartMs: number;

  beforeAll(async () => {
    avr = AvrBoard.create({ program: companionFirmware(), rtc: { startMs: START_MS }, seed: SEED });
    const decoder = new FrameDecoder();
    avr.link.onData((chunk) => {
      for (const r of decoder.push(chunk)) if (r.ok) avrFrames.push(r.message);
    });
    // Let the C firmware lock onto the RTC's second edge; the model starts from the same instant.
    await avr.runFor(2500);
    avrStartMs = avr.boardTimeMs();
    clock = new ManualClock(START_MS + avrStartMs);
    scheduler = new ManualScheduler(clock);
    const random = prng(SEED ^ 0xabcdef);
    model = await createFirmware({
      profile: PROFILE,
      baseClock: clock,
      scheduler,
      startMs: clock.nowMs(),
      flash,
      randomBytes: (n) => random.bytes(n),
    });
    [host, boardEnd] = MemoryLink.pair();
    server = serveFirmware(model, boardEnd);
    const modelDecoder = new FrameDecoder();
    host.onData((chunk) => {
      for (const r of modelDecoder.push(chunk)) if (r.ok) modelFrames.push(r.message);
    });
  });
  afterAll(async () => {
    server?.stop();
    model?.stop();
    await host?.close();
    await avr?.close();
  });

  /** The model's clock to the emulated board's: both at the same instant of the same timeline. */
  const hostNowMs = () => START_MS + avr.boardTimeMs();
  async function settleModel(): Promise<void> {
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  }
  async function align(): Promise<void> {
    scheduler.advanceTo(hostNowMs());
    await settleModel();
  }
  async function run(ms: number): Promise<void> {
    await avr.runFor(ms);
    await align();
  }

  it(`${ACTIONS} seeded actions give the same frames on both`, async () => {
    const random = prng(SEED);
    let requestId = 1;
    let provisioned: Provisioned | undefined;
    let blankAtMs: number | undefined; // host time the display blanks (model's timer), when on
    const log: string[] = [];

    /** Instants (host ms) at which a board does something by itself, or a code changes. */
    const sensitive = (): number[] => {
      const out: number[] = [];
      if (blankAtMs !== undefined && model.display.kind !== 'off') out.push(blankAtMs);
      if (provisioned) {
        const boardMs = model.timeMs();
        const endMs = stepEndMs(
          stepAt(boardMs, provisioned.periodSec, provisioned.t0Sec),
          provisioned.periodSec,
          provisioned.t0Sec,
        );
        out.push(hostNowMs() + (endMs - boardMs));
      }
      return out;
    };
    /** Moves both past any instant in [now, now + spanMs], so no action straddles one. */
    const clearOf = async (spanMs: number) => {
      for (let guard = 0; guard < 10; guard++) {
        const now = hostNowMs();
        const hit = sensitive().find((s) => s >= now - 20 && s <= now + spanMs + SETTLE_MS + 50);
        if (hit === undefined) return;
        log.push(`skip to ${hit + 300 - START_MS}`);
        await run(hit + 300 - now);
        await compareWindow('skip');
      }
    };
    let compared = 0;
    const compareWindow = async (what: string) => {
      await run(SETTLE_MS);
      const a = avrFrames.splice(0);
      const m = modelFrames.splice(0);
      const context = `after "${what}" (step ${compared}); recent: ${log.slice(-6).join(' | ')}`;
      expect(
        a.map((f) => shape(f).exact),
        context,
      ).toEqual(m.map((f) => shape(f).exact));
      for (let i = 0; i < a.length; i++) {
        const ta = shape(a[i]!).timesMs;
        const tm = shape(m[i]!).timesMs;
        for (let j = 0; j < ta.length; j++) {
          expect(
            Math.abs(ta[j]! - tm[j]!),
            `${context}: ${JSON.stringify(a[i])} vs ${JSON.stringify(m[i])}`,
          ).toBeLessThanOrEqual(TOLERANCE_MS);
        }
      }
      compared++;
      if (process.env.DIFF_TRACE)
        console.log(compared, what, Math.round(performance.now()), Math.round(avr.boardTimeMs()), a.length);
    };
    const send = async (bytes: Uint8Array, what: string, spanMs = 150) => {
      await clearOf(spanMs);
      log.push(what);
      await host.write(bytes);
      await avr.link.write(bytes);
      await settleModel();
      const id = requestId - 1;
      await avr.runUntil(() => avrFrames.some((f) => f.requestId === id || f.type === MessageType.ERROR), 2000);
      await align();
      await compareWindow(what);
    };
    const request = (message: Message, what: string, spanMs?: number) =>
      send(encodeFrame(message, PROTOCOL_VERSION), what, spanMs);

    await request({ type: MessageType.HELLO, requestId: requestId++, hostProtocolVersion: 1 }, 'HELLO');
    const kinds = [
      'hello',
      'get-time',
      'set-time-soft',
      'set-time-force',
      'provision',
      'press',
      'press',
      'press-long',
      'display',
      'button',
      'button',
      'button-long',
      'move',
      'move',
      'move',
      'move-long',
      'bad-frame',
      'reset',
    ] as const;
    let lastSetTimeMs = Number.NEGATIVE_INFINITY;
    for (let step = 0; step < ACTIONS; step++) {
      const kind = step === 0 ? 'provision' : random.pick(kinds);
      switch (kind) {
        case 'hello':
          await request({ type: MessageType.HELLO, requestId: requestId++, hostProtocolVersion: 1 }, 'HELLO');
          break;
        case 'get-time':
          await request({ type: MessageType.GET_TIME, requestId: requestId++ }, 'GET_TIME');
          break;
        case 'set-time-soft':
        case 'set-time-force': {
          const force = kind === 'set-time-force';
          // Whole and odd milliseconds, forwards and backwards; the model's board clock as the reference.
          const timeMs = Math.max(
            0,
            model.timeMs() + random.int(force ? -7_200_000 : -60_000, force ? 7_200_000 : 60_000),
          );
          await request(
            { type: MessageType.SET_TIME, requestId: requestId++, timeMs, force },
            `SET_TIME ${force ? 'force' : 'soft'} ${timeMs - model.timeMs()}`,
          );
          lastSetTimeMs = hostNowMs();
          break;
        }
        case 'provision': {
          const algorithm = random.pick(['sha1', 'sha256', 'sha512'] as const);
          const digits = random.int(6, 10);
          const periodSec = random.pick([30, 30, 60, 20]);
          const t0Sec = random.pick([0, 0, 7]);
          const secret = random.bytes(random.int(16, 64));
          await request(
            {
              type: MessageType.PROVISION,
              requestId: requestId++,
              algorithm,
              digits,
              periodSec,
              t0Sec,
              secret,
            } as Message,
            `PROVISION ${algorithm}/${digits}/${periodSec}s/t0=${t0Sec}/${secret.length}B`,
            700,
          );
          provisioned = { periodSec, t0Sec };
          blankAtMs = undefined;
          break;
        }
        case 'press':
        case 'press-long': {
          const long = kind === 'press-long';
          await clearOf(200);
          blankAtMs = hostNowMs() + PROFILE.displayTimeoutMs;
          await request({ type: MessageType.PRESS, requestId: requestId++, long }, long ? 'PRESS long' : 'PRESS');
          if (!provisioned && !long) blankAtMs = hostNowMs() - SETTLE_MS * 2 + PROFILE.displayTimeoutMs;
          break;
        }
        case 'display':
          await request(
            { type: MessageType.DISPLAY, requestId: requestId++, remainingMs: 10_000, code: '123456' },
            'DISPLAY',
          );
          break;
        case 'button':
        case 'button-long': {
          const long = kind === 'button-long';
          const holdMs = long ? random.int(1_700, 2_500) : random.int(60, 800);
          await clearOf(holdMs + 100);
          log.push(`button ${holdMs} ms`);
          // The C firmware debounces both edges (20 ms); the model takes the edges as given.
          model.buttonDown();
          avr.press(holdMs);
          await run(holdMs);
          model.buttonUp();
          blankAtMs = hostNowMs() + PROFILE.displayTimeoutMs;
          await settleModel();
          await compareWindow(`button ${holdMs} ms`);
          break;
        }
        case 'move':
        case 'move-long': {
          let endMs = hostNowMs() + (kind === 'move-long' ? random.int(60_000, 180_000) : random.int(100, 40_000));
          for (let guard = 0; guard < 10; guard++) {
            const hit = sensitive().find((s) => s >= endMs - 200 && s <= endMs + 50);
            if (hit === undefined) break;
            endMs = hit + 300;
          }
          log.push(`move ${Math.round(endMs - hostNowMs())} ms`);
          // In steps, so the model's sensitive instants (a new code, a blank) are seen as they pass.
          while (hostNowMs() < endMs) await run(Math.min(5_000, endMs - hostNowMs()));
          if (model.display.kind === 'off') blankAtMs = undefined;
          await compareWindow('move');
          break;
        }
        case 'reset': {
          // Both boards restart (DTR, reset button): the C chip from its EEPROM with the DS3231 running on,
          // the model from its flash with its board clock where it was. No wait after a SET_TIME: the C
          // firmware writes the new time into the DS3231 at once (with its milliseconds), not only at the
          // next whole second.
          if (hostNowMs() - lastSetTimeMs < 1_000) log.push('reset within a second of SET_TIME');
          await clearOf(2_600);
          log.push('reset');
          const boardMs = model.timeMs();
          server.stop();
          model.stop();
          avr.reset();
          model = await createFirmware({
            profile: PROFILE,
            baseClock: clock,
            scheduler,
            startMs: boardMs,
            flash,
            randomBytes: () => {
              throw new Error('the model made a new identity at a reboot');
            },
          });
          server = serveFirmware(model, boardEnd);
          blankAtMs = undefined;
          // Until the C firmware has found the DS3231's second edge it keeps mid-second time (±500 ms).
          await run(2_500 - SETTLE_MS);
          await compareWindow('reset');
          break;
        }
        case 'bad-frame': {
          const which = random.int(0, 3);
          const id = requestId++;
          const bytes =
            which === 0
              ? rawFrame(PROTOCOL_VERSION, 0x3e, id)
              : which === 1
                ? rawFrame(PROTOCOL_VERSION + 1, MessageType.GET_TIME, id)
                : which === 2
                  ? rawFrame(PROTOCOL_VERSION, MessageType.SET_TIME, id, [1, 2, 3])
                  : (() => {
                      const f = rawFrame(PROTOCOL_VERSION, MessageType.GET_TIME, id);
                      f[3] = f[3]! ^ 0x40 || 1;
                      return f;
                    })();
          await send(bytes, ['unknown type', 'newer version', 'truncated', 'bad CRC'][which]!);
          break;
        }
      }
    }
    expect(compared).toBeGreaterThan(ACTIONS);
  });
});
