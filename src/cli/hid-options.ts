import type { DiscoveredPort } from '../device/discovery';
import { discoverHidBoards } from '../device/hid-discovery';
import { defineMessages } from '../i18n/index';
import { HidError, HidLink, type HidTarget, parseHidTarget } from '../link/hid-link';
import { CombinedHidBackend, hidSocketDir } from '../link/hid-socket';
import type { LinkOpener } from '../link/link';
import { BOARDS } from '../profiles/builtin';
import { UsageError } from './errors';

/*
 * The HID side of the CLI, kept out of the command modules: `--hid PATH|VID:PID` on every `tokenkit
 * device` command, HID boards in `device list`, and `tokenkit sim --hid`'s option text.
 */

export const HID_CLI_MESSAGES = defineMessages({
  'cli.device.opt.hid': {
    en: 'USB HID board: a path (/dev/hidraw0, or the socket tokenkit sim --hid printed) or VID:PID (e.g. 1209:0002)',
    da: 'USB HID-enhed: en sti (/dev/hidraw0 eller soklen, tokenkit sim --hid udskrev) eller VID:PID (f.eks. 1209:0002)',
  },
  'cli.device.error.portAndHid': {
    en: '--port and --hid both name a board: give only one of them',
    da: '--port og --hid angiver begge en enhed: angiv kun den ene',
  },
  'sim.opt.hid': {
    en: 'be a USB HID board, reached by other processes through a local report socket (tokenkit device ... --hid PATH)',
    da: 'vær en USB HID-enhed, som andre processer når gennem en lokal rapport-sokkel (tokenkit device ... --hid STI)',
  },
  'sim.error.hidAndSerial': {
    en: '--serial and --hid exclude each other: choose one',
    da: '--serial og --hid udelukker hinanden: vælg én',
  },
});

/** node-hid plus `tokenkit sim --hid` sockets (in the user's private rendezvous directory). */
export function cliHidBackend(env: NodeJS.ProcessEnv): CombinedHidBackend {
  return new CombinedHidBackend({ dir: hidSocketDir(env) });
}

/**
 * The LinkOpener for `--hid TARGET`. A VID:PID that matches a board in devices/ also uses its usage page, so
 * the vendor interface of a composite device is chosen. A malformed target is a UsageError.
 */
export function hidOpener(target: string, env: NodeJS.ProcessEnv): LinkOpener {
  let parsed: HidTarget;
  try {
    parsed = parseHidTarget(target);
  } catch (error) {
    // A malformed --hid value is bad input (exit 2), not a device fault.
    if (error instanceof HidError) throw new UsageError('hid.error.badTarget', { target });
    throw error;
  }
  if (!('path' in parsed)) {
    const hex4 = (n: number) => n.toString(16).padStart(4, '0');
    const board = BOARDS.find(
      (b) =>
        b.transport === 'hid' && b.usb.vendorId === hex4(parsed.vendorId) && b.usb.productId === hex4(parsed.productId),
    );
    if (board?.usb.usagePage) parsed.usagePage = parseInt(board.usb.usagePage, 16);
  }
  return HidLink.opener(parsed, { backend: cliHidBackend(env) });
}

/** HID boards (real and simulated) for `device list` and for choosing the only board. */
export function discoverCliHidBoards(env: NodeJS.ProcessEnv, all = false): Promise<DiscoveredPort[]> {
  return discoverHidBoards({ backend: cliHidBackend(env), all });
}
