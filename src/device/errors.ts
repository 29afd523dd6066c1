import { TokenkitError } from '../errors';
import { defineMessages, hasMessage, type MessageParams } from '../i18n/index';
import { statusName } from '../protocol/messages';

export const DEVICE_MESSAGES = defineMessages({
  'device.error.timeout': {
    en: 'the board on {port} did not answer {request} within {timeoutMs} ms: check that it runs tokenkit firmware, or unplug and replug it.',
    da: 'enheden på {port} svarede ikke på {request} inden for {timeoutMs} ms: tjek, at den kører tokenkit-firmware, eller tag den ud, og sæt den i igen.',
  },
  'device.error.busy': {
    en: 'the board on {port} is busy with {queued} waiting requests: try again when they are done.',
    da: 'enheden på {port} er optaget af {queued} ventende forespørgsler: prøv igen, når de er færdige.',
  },
  'device.error.notAToken.no-answer': {
    en: "{port} is not a tokenkit board (no answer to HELLO within {timeoutMs} ms). See 'tokenkit device list' for the boards that are plugged in.",
    da: "{port} er ikke en tokenkit-enhed (intet svar på HELLO inden for {timeoutMs} ms). Se 'tokenkit device list' for de tilsluttede enheder.",
  },
  'device.error.notAToken.garbage': {
    en: "{port} is not a tokenkit board (it sent data that is not tokenkit frames). See 'tokenkit device list' for the boards that are plugged in.",
    da: "{port} er ikke en tokenkit-enhed (den sendte data, der ikke er tokenkit-rammer). Se 'tokenkit device list' for de tilsluttede enheder.",
  },
  'device.error.notAToken.not-tty': {
    en: "{port} is not a tokenkit board (not a serial port). See 'tokenkit device list' for the boards that are plugged in.",
    da: "{port} er ikke en tokenkit-enhed (ikke en seriel port). Se 'tokenkit device list' for de tilsluttede enheder.",
  },
  'device.error.badReply': {
    en: 'the board on {port} answered {request} with an unexpected {reply}: update tokenkit or the firmware.',
    da: 'enheden på {port} svarede på {request} med en uventet {reply}: opdater tokenkit eller firmwaren.',
  },
  'device.error.closed': {
    en: 'the connection to the board on {port} is closed.',
    da: 'forbindelsen til enheden på {port} er lukket.',
  },
  'device.error.noBoard': {
    en: "no tokenkit board found: plug one in, or start one with 'tokenkit sim --serial', then pass --port.",
    da: "ingen tokenkit-enhed fundet: tilslut en, eller start en med 'tokenkit sim --serial', og angiv så --port.",
  },
  'device.status.BAD_REQUEST': {
    en: 'the board on {port} answered {status}: the request was malformed (a tokenkit bug: please report it).',
    da: 'enheden på {port} svarede {status}: forespørgslen var forkert opbygget (en fejl i tokenkit: rapportér den gerne).',
  },
  'device.status.UNKNOWN_TYPE': {
    en: 'the board on {port} answered {status}: the firmware does not know this request: update the firmware.',
    da: 'enheden på {port} svarede {status}: firmwaren kender ikke denne forespørgsel: opdater firmwaren.',
  },
  'device.status.UNSUPPORTED_VERSION': {
    en: 'the board on {port} answered {status}: the firmware is older than this tokenkit: update the firmware.',
    da: 'enheden på {port} svarede {status}: firmwaren er ældre end denne version af tokenkit: opdater firmwaren.',
  },
  'device.status.NOT_PROVISIONED': {
    en: "the board on {port} answered {status}: no secret is provisioned: run 'tokenkit device provision --port P --generate'.",
    da: "enheden på {port} svarede {status}: ingen hemmelighed er indlæst: kør 'tokenkit device provision --port P --generate'.",
  },
  'device.status.WRONG_MODE': {
    en: 'the board on {port} answered {status}: this does not apply to the board mode (display boards take DISPLAY, smart tokens take PROVISION).',
    da: 'enheden på {port} svarede {status}: dette passer ikke til enhedens tilstand (visningsenheder modtager DISPLAY, smarte tokens modtager PROVISION).',
  },
  'device.status.BUSY': {
    en: 'the board on {port} answered {status}: the board is busy: try again.',
    da: 'enheden på {port} svarede {status}: enheden er optaget: prøv igen.',
  },
  'device.status.STORAGE_FAILED': {
    en: 'the board on {port} answered {status}: the board could not store the secret; the previous one is still in place.',
    da: 'enheden på {port} svarede {status}: enheden kunne ikke gemme hemmeligheden; den tidligere er stadig på plads.',
  },
  'device.status.BAD_CRC': {
    en: 'the board on {port} answered {status}: the request was corrupted on the line: try again, check the cable.',
    da: 'enheden på {port} svarede {status}: forespørgslen blev beskadiget på linjen: prøv igen, tjek kablet.',
  },
  'device.status.TOO_LARGE': {
    en: 'the board on {port} answered {status}: the request was too large for the board.',
    da: 'enheden på {port} svarede {status}: forespørgslen var for stor til enheden.',
  },
  'device.status.LOW_BATTERY': {
    en: 'the board on {port} answered {status}: the battery is too low: charge or replace it.',
    da: 'enheden på {port} svarede {status}: batteriet er for lavt: oplad eller udskift det.',
  },
  'device.status.INTERNAL': {
    en: 'the board on {port} answered {status}: the firmware had an internal error: restart the board.',
    da: 'enheden på {port} svarede {status}: firmwaren fik en intern fejl: genstart enheden.',
  },
  'device.status.unknown': {
    en: 'the board on {port} answered {status}: a status this tokenkit does not know: update tokenkit.',
    da: 'enheden på {port} svarede {status}: en status, som denne version af tokenkit ikke kender: opdater tokenkit.',
  },
});

/**
 * Base of device-level failures. `status` is the board's status code when the board answered with one
 * (a `Status` value, unknown codes kept), undefined for host-side failures (timeout, busy, not a token).
 */
export class DeviceError extends TokenkitError {
  readonly status: number | undefined;
  readonly port: string;
  constructor(key: string, params: MessageParams & { port: string }, status?: number, options?: { cause?: unknown }) {
    super(key, params, options);
    this.status = status;
    this.port = params.port;
  }
}

/** The board answered with a non-OK status. `statusName` is e.g. NOT_PROVISIONED or UNKNOWN_0x3f. */
export class DeviceStatusError extends DeviceError {
  readonly statusName: string;
  constructor(port: string, status: number) {
    const name = statusName(status);
    const key = hasMessage(`device.status.${name}`) ? `device.status.${name}` : 'device.status.unknown';
    super(key, { port, status: name }, status);
    this.statusName = name;
  }
}

/** No reply to a request within `timeoutMs`. The board may still act on it (e.g. a press). */
export class DeviceTimeoutError extends DeviceError {
  constructor(
    port: string,
    readonly request: string,
    readonly timeoutMs: number,
  ) {
    super('device.error.timeout', { port, request, timeoutMs });
  }
}

/** Too many requests waiting for the one exchange in flight (queue full). Nothing was sent. */
export class DeviceBusyError extends DeviceError {
  constructor(
    port: string,
    readonly queued: number,
  ) {
    super('device.error.busy', { port, queued });
  }
}

export type NotATokenReason = 'no-answer' | 'garbage' | 'not-tty';

/** The port exists but no tokenkit board answers on it (a modem, /dev/null, a pty with nothing behind). */
export class NotATokenError extends DeviceError {
  readonly reason: NotATokenReason;
  constructor(port: string, reason: NotATokenReason, timeoutMs = 0, cause?: unknown) {
    super(
      `device.error.notAToken.${reason}`,
      { port, timeoutMs },
      undefined,
      cause === undefined ? undefined : { cause },
    );
    this.reason = reason;
  }
}

/** The board answered with a message type that doesn't fit the request. */
export class DeviceReplyError extends DeviceError {
  constructor(port: string, request: string, reply: string) {
    super('device.error.badReply', { port, request, reply });
  }
}

/** The client was closed; pending and later calls get this. */
export class DeviceClosedError extends DeviceError {
  constructor(port: string) {
    super('device.error.closed', { port });
  }
}

/** Discovery found no board and no --port was given. */
export class NoBoardError extends DeviceError {
  constructor() {
    super('device.error.noBoard', { port: '' });
  }
}
