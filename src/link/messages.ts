import { defineMessages } from '../i18n/define';

export const RENDEZVOUS_MESSAGES = defineMessages({
  'link.rendezvous.notOwned': {
    en: "{dir} belongs to another user (uid {owner}), so a board found there could be anyone's: remove it, or set TOKENKIT_RUNTIME_DIR to a directory of your own.",
    da: '{dir} tilhører en anden bruger (uid {owner}), så en enhed fundet der kan være hvem som helst: fjern den, eller sæt TOKENKIT_RUNTIME_DIR til en mappe, du selv ejer.',
  },
  'link.rendezvous.openToOthers': {
    en: "{dir} can be written by other users, so a board found there could be anyone's: run 'chmod 700 {dir}'.",
    da: "{dir} kan skrives af andre brugere, så en enhed fundet der kan være hvem som helst: kør 'chmod 700 {dir}'.",
  },
  'link.rendezvous.notDirectory': {
    en: '{dir} is not a directory (a symlink or a file is not accepted): remove it, or set TOKENKIT_RUNTIME_DIR to a directory of your own.',
    da: '{dir} er ikke en mappe (et symlink eller en fil godtages ikke): fjern den, eller sæt TOKENKIT_RUNTIME_DIR til en mappe, du selv ejer.',
  },
  'link.rendezvous.cannotCreate': {
    en: 'cannot create {dir}: {detail}. Set TOKENKIT_RUNTIME_DIR to a directory of your own.',
    da: 'kan ikke oprette {dir}: {detail}. Sæt TOKENKIT_RUNTIME_DIR til en mappe, du selv ejer.',
  },
});

export const LINK_MESSAGES = defineMessages({
  'link.error.generic': { en: 'link {link}: {detail}', da: 'forbindelse {link}: {detail}' },
  'link.error.closed': {
    en: 'link {link} is closed: reconnect the board and try again.',
    da: 'forbindelsen {link} er lukket: tilslut enheden igen, og prøv igen.',
  },
  'link.error.disconnected': {
    en: 'the board on {link} disconnected: check the cable and try again.',
    da: 'enheden på {link} blev afbrudt: tjek kablet, og prøv igen.',
  },
  'link.error.timeout': {
    en: 'writing to {link} took longer than {timeoutMs} ms: check the port and try again.',
    da: 'skrivning til {link} tog mere end {timeoutMs} ms: tjek porten, og prøv igen.',
  },
  'link.error.cancelled': { en: 'the write to {link} was cancelled.', da: 'skrivningen til {link} blev annulleret.' },
  'link.error.openFailed': {
    en: "cannot open {link}: {detail}. Check the path with 'tokenkit device list' and your permissions (see docs/hardware.md).",
    da: "kan ikke åbne {link}: {detail}. Tjek stien med 'tokenkit device list' og dine rettigheder (se docs/hardware.md).",
  },
  'link.error.notFound': {
    en: "no port at {link}. See 'tokenkit device list' for the boards that are plugged in.",
    da: "ingen port på {link}. Se 'tokenkit device list' for de tilsluttede enheder.",
  },
  'link.error.busy': {
    en: '{link} is in use by another program (another tokenkit device watch or sim?): close it and try again.',
    da: '{link} bruges af et andet program (en anden tokenkit device watch eller sim?): luk det, og prøv igen.',
  },
  'link.error.permission': {
    en: 'permission denied opening {link}: install devices/99-tokenkit.rules (see docs/hardware.md) or join the dialout group.',
    da: 'adgang nægtet til {link}: installer devices/99-tokenkit.rules (se docs/hardware.md) eller tilføj dig selv til gruppen dialout.',
  },
});

export const PTY_MESSAGES = defineMessages({
  'link.pty.missingSocat': {
    en: "socat is not installed: install it (Debian/Ubuntu: 'sudo apt-get install socat', macOS: 'brew install socat').",
    da: "socat er ikke installeret: installer det (Debian/Ubuntu: 'sudo apt-get install socat', macOS: 'brew install socat').",
  },
  'link.pty.failed': {
    en: 'socat could not make the pty pair: {detail}',
    da: 'socat kunne ikke oprette pty-parret: {detail}',
  },
  'link.pty.linkInUse': {
    en: '{path} is the port of a board that is still running (another tokenkit sim, or the socat of a killed one): stop it or choose another --link path.',
    da: '{path} er porten til en enhed, der stadig kører (en anden tokenkit sim eller socat fra en dræbt sim): stop den, eller vælg en anden --link-sti.',
  },
  'link.pty.linkNoDir': {
    en: 'cannot make the --link {path}: its directory does not exist. Create it or choose another path.',
    da: 'kan ikke oprette --link {path}: mappen findes ikke. Opret den, eller vælg en anden sti.',
  },
  'link.pty.cannotLink': {
    en: 'cannot make the --link {path}: {detail}. Choose a path in a directory that exists and that you may write to.',
    da: 'kan ikke oprette --link {path}: {detail}. Vælg en sti i en mappe, der findes, og som du må skrive i.',
  },
  'link.pty.linkBusy': {
    en: '{path} already exists and is not a symlink left by tokenkit: choose another --link path.',
    da: '{path} findes allerede og er ikke et symlink, tokenkit har efterladt: vælg en anden --link-sti.',
  },
});

export const HID_LINK_MESSAGES = defineMessages({
  'hid.error.permission': {
    en: 'permission denied opening {link}: install the udev rule devices/99-tokenkit.rules (see docs/hardware.md, "HID boards"), then unplug and replug the board.',
    da: 'adgang nægtet til {link}: installer udev-reglen devices/99-tokenkit.rules (se afsnittet "HID boards" i docs/hardware.md), og tag derefter enheden ud, og sæt den i igen.',
  },
  'hid.error.notFound': {
    en: "no HID device at {link}. See 'tokenkit device list' for the boards that are plugged in.",
    da: "ingen HID-enhed på {link}. Se 'tokenkit device list' for de tilsluttede enheder.",
  },
  'hid.error.notHid': {
    en: '{link} is not a HID device ({detail}): give a /dev/hidraw* path or VID:PID with --hid, or use --port for serial boards.',
    da: '{link} er ikke en HID-enhed ({detail}): angiv en /dev/hidraw*-sti eller VID:PID med --hid, eller brug --port til serielle enheder.',
  },
  'hid.error.openFailed': {
    en: "cannot open {link}: {detail}. Check the path with 'tokenkit device list'.",
    da: "kan ikke åbne {link}: {detail}. Tjek stien med 'tokenkit device list'.",
  },
  'hid.error.unavailable': {
    en: 'USB HID support is not available ({detail}): on Debian/Ubuntu install libusb-1.0-0 and libudev1.',
    da: 'USB HID-understøttelse er ikke tilgængelig ({detail}): installer libusb-1.0-0 og libudev1 på Debian/Ubuntu.',
  },
  'hid.error.badTarget': {
    en: '--hid {target} is neither a device path nor VID:PID (4 hex digits each, e.g. 1209:0002).',
    da: '--hid {target} er hverken en enhedssti eller VID:PID (4 hex-cifre hver, f.eks. 1209:0002).',
  },
  'hid.error.write': {
    en: 'writing to {link} failed: {detail}.',
    da: 'skrivning til {link} mislykkedes: {detail}.',
  },
});

export const REPLAY_MESSAGES = defineMessages({
  'link.replay.mismatch': {
    en: 'replay {link}: host frame {index} is {got}, the transcript has {expected} there',
    da: 'afspilning {link}: værtens ramme {index} er {got}, udskriften har {expected} der',
  },
  'link.replay.noTraffic': {
    en: 'no traffic lines in the transcript: record it with TOKENKIT_DEBUG=traffic (lines "traffic PORT > hex" and "< hex")',
    da: 'ingen trafiklinjer i udskriften: optag den med TOKENKIT_DEBUG=traffic (linjer "traffic PORT > hex" og "< hex")',
  },
});
