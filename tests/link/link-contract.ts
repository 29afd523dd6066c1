import { afterEach, describe, expect, it } from 'vitest';
import { type Link, LinkCancelledError, LinkClosedError, type LinkError } from '../../src/link/link';
import { settle, until } from '../helpers/wait';

/** The far end of a link under test: the board's side of the wire, whatever the medium. */
export interface LinkPeer {
  write(bytes: Uint8Array): Promise<void>;
  onData(listener: (chunk: Uint8Array) => void): () => void;
  /** The board goes away: cable pulled, board process killed, socat gone. */
  disconnect(): Promise<void> | void;
}

export interface LinkUnderTest {
  link: Link;
  peer: LinkPeer;
  teardown(): Promise<void>;
}

const concat = (chunks: Uint8Array[]) => {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};
const pattern = (n: number, seed: number) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

/**
 * The Link contract (src/link/link.ts), written once and run against every implementation: `open` makes a
 * fresh link and its peer for each test. A link that passes this can carry DeviceClient.
 */
export function createLinkTests(name: string, open: () => Promise<LinkUnderTest>): void {
  describe(`Link contract: ${name}`, () => {
    const live: LinkUnderTest[] = [];
    const start = async () => {
      const t = await open();
      live.push(t);
      return t;
    };
    afterEach(async () => {
      for (const t of live.splice(0)) await t.teardown().catch(() => undefined);
    });

    it('delivers writes to the peer whole and in call order (chunk boundaries are not kept)', async () => {
      const { link, peer } = await start();
      const got: Uint8Array[] = [];
      peer.onData((c) => got.push(Uint8Array.from(c)));
      const writes = [pattern(1, 1), pattern(300, 2), pattern(1000, 3), pattern(7, 4)];
      for (const w of writes) await link.write(w);
      const want = concat(writes);
      await until('every byte at the peer', () => concat(got).length >= want.length);
      expect(Buffer.from(concat(got)).equals(Buffer.from(want))).toBe(true);
    });

    it("delivers the peer's bytes to every listener in order, never as empty chunks; unsubscribing stops them", async () => {
      const { link, peer } = await start();
      const all: Uint8Array[] = [];
      const early: Uint8Array[] = [];
      link.onData((c) => all.push(Uint8Array.from(c)));
      const offEarly = link.onData((c) => early.push(Uint8Array.from(c)));
      const first = pattern(200, 5);
      await peer.write(first);
      await until('the first bytes', () => concat(all).length >= first.length);
      offEarly();
      const second = pattern(50, 6);
      await peer.write(second);
      await until('the second bytes', () => concat(all).length >= first.length + second.length);
      expect(Buffer.from(concat(all)).equals(Buffer.from(concat([first, second])))).toBe(true);
      expect(all.every((c) => c.length > 0)).toBe(true);
      expect(Buffer.from(concat(early)).equals(Buffer.from(first))).toBe(true);
    });

    it('a write with an already aborted signal rejects LinkCancelledError; the link stays open', async () => {
      const { link, peer } = await start();
      const got: Uint8Array[] = [];
      peer.onData((c) => got.push(c));
      const controller = new AbortController();
      controller.abort();
      await expect(link.write(pattern(10, 7), { signal: controller.signal })).rejects.toBeInstanceOf(
        LinkCancelledError,
      );
      expect(link.isOpen).toBe(true);
      await link.write(pattern(3, 8), { timeoutMs: 5000, signal: new AbortController().signal });
      await until('the later write', () => concat(got).length >= 3);
      expect(Array.from(concat(got))).toEqual(Array.from(pattern(3, 8)));
    });

    it('close(): onClose once with no error, idempotent, later writes reject LinkClosedError, no data after', async () => {
      const { link, peer } = await start();
      const closes: (LinkError | undefined)[] = [];
      const data: Uint8Array[] = [];
      link.onClose((e) => closes.push(e));
      link.onData((c) => data.push(c));
      await Promise.all([link.close(), link.close()]);
      await link.close();
      expect(link.isOpen).toBe(false);
      expect(closes).toEqual([undefined]);
      await expect(link.write(pattern(4, 9))).rejects.toBeInstanceOf(LinkClosedError);
      await peer.write(pattern(4, 10)).catch(() => undefined);
      await settle();
      expect(data).toEqual([]);
    });

    it('the peer going away: onClose once with LinkError{disconnected: true}; writes then reject LinkClosedError', async () => {
      const { link, peer } = await start();
      const closes: (LinkError | undefined)[] = [];
      link.onClose((e) => closes.push(e));
      await peer.disconnect();
      await until('the link to notice the peer is gone', () => closes.length > 0);
      await settle();
      expect(closes).toHaveLength(1);
      expect(closes[0]?.disconnected).toBe(true);
      expect(link.isOpen).toBe(false);
      await expect(link.write(pattern(4, 11))).rejects.toBeInstanceOf(LinkClosedError);
    });
  });
}
