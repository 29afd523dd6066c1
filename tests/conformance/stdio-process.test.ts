import { type Link, LinkClosedError, type LinkError } from '../../src/link/link';
import { spawnFirmwareSim } from '../firmware-sim/firmware-process';
import { createDeviceTests } from './device-tests';

// firmware-sim --stdio: the board speaks on its stdin/stdout (a pipe, no tty at all). The suite's link is
// the child's pipes, wrapped to the Link contract here.
createDeviceTests({
  name: 'firmware-sim process on stdin/stdout',
  startsUnprovisioned: true,
  connect: async () => {
    const child = await spawnFirmwareSim(['--stdio']);
    const data = new Set<(c: Uint8Array) => void>();
    const closers = new Set<(e?: LinkError) => void>();
    let open = true;
    child.stdout.on('data', (d: Buffer) => {
      for (const l of data) l(new Uint8Array(d.buffer, d.byteOffset, d.length));
    });
    child.once('exit', () => {
      if (!open) return;
      open = false;
      for (const c of closers) c(new LinkClosedError('stdio:firmware-sim', true));
    });
    const link: Link = {
      description: 'stdio:firmware-sim',
      get isOpen() {
        return open;
      },
      write: (bytes) =>
        open
          ? new Promise<void>((resolve, reject) =>
              child.stdin.write(bytes, (e) =>
                e ? reject(new LinkClosedError('stdio:firmware-sim', true)) : resolve(),
              ),
            )
          : Promise.reject(new LinkClosedError('stdio:firmware-sim')),
      onData: (l) => (data.add(l), () => data.delete(l)),
      onClose: (l) => (closers.add(l), () => closers.delete(l)),
      close: async () => {
        open = false;
        data.clear();
        child.stdin.end();
        child.kill('SIGTERM');
      },
    };
    return { link, teardown: () => link.close() };
  },
});
