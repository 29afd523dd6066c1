import { type Command, Option } from 'commander';
import {
  boardSpeech,
  DeviceClient,
  type DeviceClientOptions,
  type DiscoveredPort,
  type DriftSample,
  discoverSerialBoards,
  driveDisplayBoard,
  fitDrift,
  type HostKey,
  NoBoardError,
  speakBoardCodes,
} from '../../device/index';
import { TokenkitError } from '../../errors';
import { defineMessages, type Lang, t } from '../../i18n/index';
import { SerialLink } from '../../link/serial-link';
import { trafficSinkFromEnv } from '../../link/traffic';
import { encodeBase32, generateSecret } from '../../otp/index';
import { CAPABILITY, type EventMessage, MAX_SECRET_BYTES, MessageType } from '../../protocol/messages';
import { type Speaker, silentReason } from '../../speech/index';
import { openTokenStore, StoreError } from '../../store/index';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import { discoverCliHidBoards, hidOpener } from '../hid-options';
import { parseDurationMs, parseInteger, parseTimeMs } from '../parse-values';
import { addSecretOptions, type RawSecretOptions, secretFromOptions } from '../secret-options';
import { addSpeakerOptions, openSpeaker, type SpeakerOptions } from '../speaker-options';
import type { RegisterCommand } from './index';

export const DEVICE_CLI_MESSAGES = defineMessages({
  'cli.device.description': {
    en: 'talk to USB boards (and simulated ones): list, info, provision, time, press, watch, drift',
    da: 'tal med USB-enheder (og simulerede): list, info, provision, time, press, watch, drift',
  },
  'cli.device.list.description': {
    en: 'list plugged-in boards found by the USB ids in devices/',
    da: 'vis tilsluttede enheder fundet ud fra USB-id’erne i devices/',
  },
  'cli.device.info.description': {
    en: "show a board's serial number, profile, mode and firmware",
    da: 'vis en enheds serienummer, profil, tilstand og firmware',
  },
  'cli.device.provision.description': {
    en: 'store a secret on a board (write-only) and optionally register it for verification',
    da: 'gem en hemmelighed på en enhed (kun skrivning) og registrér den eventuelt til verifikation',
  },
  'cli.device.time.description': {
    en: "read or set a board's clock; shows the offset from this computer",
    da: 'læs eller sæt en enheds ur; viser forskellen til denne computer',
  },
  'cli.device.press.description': {
    en: 'press the button and print the code the board shows',
    da: 'tryk på knappen og udskriv koden, enheden viser',
  },
  'cli.device.watch.description': {
    en: 'print board events as they happen, until Ctrl-C',
    da: 'udskriv enhedens hændelser, efterhånden som de sker, indtil Ctrl-C',
  },
  'cli.device.drift.description': {
    en: "measure a board's clock offset and drift (ppm) from repeated time reads",
    da: 'mål en enheds urforskel og drift (ppm) ud fra gentagne tidsaflæsninger',
  },
  'cli.device.opt.port': {
    en: 'serial port of the board (e.g. /dev/ttyACM0, or the path tokenkit sim --serial printed); default: the only board found',
    da: 'enhedens serielle port (f.eks. /dev/ttyACM0 eller stien, tokenkit sim --serial udskrev); standard: den eneste fundne enhed',
  },
  'cli.device.opt.baud': {
    en: 'baud rate for UART bridges (default 115200; USB CDC boards ignore it)',
    da: 'baudrate for UART-broer (standard 115200; USB CDC-enheder ignorerer den)',
  },
  'cli.device.opt.timeout': { en: 'reply timeout in ms (default 1000)', da: 'svartid i ms (standard 1000)' },
  'cli.device.opt.all': {
    en: 'also list serial ports that are not known boards',
    da: 'vis også serielle porte, der ikke er kendte enheder',
  },
  'cli.device.opt.generate': {
    en: 'generate a new random secret (20 bytes)',
    da: 'generér en ny tilfældig hemmelighed (20 bytes)',
  },
  'cli.device.opt.register': {
    en: 'also add the token to the store for USER, for tokenkit verify',
    da: 'tilføj også tokenet til lageret for USER, til tokenkit verify',
  },
  'cli.device.opt.showSecret': {
    en: 'print the secret (it can never be read back from the board)',
    da: 'udskriv hemmeligheden (den kan aldrig læses tilbage fra enheden)',
  },
  'cli.device.opt.set': {
    en: "set the board's clock: 'now' or a time (unix seconds or ISO 8601)",
    da: "sæt enhedens ur: 'now' eller et tidspunkt (unix-sekunder eller ISO 8601)",
  },
  'cli.device.opt.force': { en: 'allow moving the clock backwards', da: 'tillad at flytte uret tilbage' },
  'cli.device.opt.long': {
    en: 'a long press (shows serial number and battery)',
    da: 'et langt tryk (viser serienummer og batteri)',
  },
  'cli.device.opt.duration': {
    en: 'how long to measure, e.g. 60s or 10m (default 60s)',
    da: 'hvor længe der måles, f.eks. 60s eller 10m (standard 60s)',
  },
  'cli.device.opt.interval': {
    en: 'time between reads in ms (default 1000)',
    da: 'tid mellem aflæsninger i ms (standard 1000)',
  },
  'cli.device.list.none': {
    en: "No boards found. Start a simulated one with 'tokenkit sim --serial', or see docs/hardware.md.",
    da: "Ingen enheder fundet. Start en simuleret med 'tokenkit sim --serial', eller se docs/hardware.md.",
  },
  'cli.device.list.unknown': { en: '(not a known board)', da: '(ikke en kendt enhed)' },
  'cli.device.info.port': { en: 'Port:             {value}', da: 'Port:             {value}' },
  'cli.device.info.serial': { en: 'Serial number:    {value}', da: 'Serienummer:      {value}' },
  'cli.device.info.profile': { en: 'Profile:          {value}', da: 'Profil:           {value}' },
  'cli.device.info.mode': { en: 'Mode:             {value}', da: 'Tilstand:         {value}' },
  'cli.device.info.firmware': { en: 'Firmware:         {value}', da: 'Firmware:         {value}' },
  'cli.device.info.protocol': { en: 'Protocol version: {value}', da: 'Protokolversion:  {value}' },
  'cli.device.info.provisioned': { en: 'Provisioned:      {value}', da: 'Har hemmelighed:  {value}' },
  'cli.device.info.capabilities': { en: 'Capabilities:     {value}', da: 'Egenskaber:       {value}' },
  'cli.device.yes': { en: 'yes', da: 'ja' },
  'cli.device.no': { en: 'no', da: 'nej' },
  'cli.device.mode.smart': {
    en: 'smart token (own clock and secret)',
    da: 'smart token (eget ur og egen hemmelighed)',
  },
  'cli.device.mode.display': {
    en: 'display board (the host computes codes)',
    da: 'visningsenhed (værten beregner koderne)',
  },
  'cli.device.provision.done': {
    en: 'Provisioned the board on {port} (serial {serial}).',
    da: 'Hemmeligheden er gemt på enheden på {port} (serienummer {serial}).',
  },
  'cli.device.provision.registered': {
    en: "Registered the token for '{user}' in the store.",
    da: "Tokenet er registreret for '{user}' i lageret.",
  },
  'cli.device.provision.secret': { en: 'Secret (Base32): {secret}', da: 'Hemmelighed (Base32): {secret}' },
  'cli.device.provision.notShown': {
    en: 'The generated secret is not shown and cannot be read back from the board: use --register USER or --show-secret to keep it.',
    da: 'Den genererede hemmelighed vises ikke og kan ikke læses tilbage fra enheden: brug --register USER eller --show-secret for at beholde den.',
  },
  'cli.device.provision.error.source': {
    en: 'give exactly one of --secret, --secret-hex, --uri or --generate',
    da: 'angiv præcis én af --secret, --secret-hex, --uri eller --generate',
  },
  'cli.device.provision.error.tooLong': {
    en: 'the secret is {length} bytes; a board stores at most {max} bytes',
    da: 'hemmeligheden er {length} bytes; en enhed gemmer højst {max} bytes',
  },
  'cli.device.provision.error.userExists': {
    en: "the store already has a token for '{user}': choose another user or remove it first with 'tokenkit token remove {user}'",
    da: "lageret har allerede et token for '{user}': vælg en anden bruger eller fjern det først med 'tokenkit token remove {user}'",
  },
  'cli.device.time.line': {
    en: 'Board time: {device} (offset {offset} ms ± {uncertainty} ms from this computer)',
    da: 'Enhedens tid: {device} (forskel {offset} ms ± {uncertainty} ms fra denne computer)',
  },
  'cli.device.time.set': { en: 'Clock set.', da: 'Uret er sat.' },
  'cli.device.time.notSet': {
    en: 'Clock not changed: that would move it backwards. Add --force to do it anyway.',
    da: 'Uret er ikke ændret: det ville flytte det tilbage. Tilføj --force for at gøre det alligevel.',
  },
  'cli.device.press.long': {
    en: 'Long press sent (the board shows its serial number and battery).',
    da: 'Langt tryk sendt (enheden viser serienummer og batteri).',
  },
  'cli.device.press.noCode': {
    en: 'Pressed. This board shows what the host pushes (display board).',
    da: 'Trykket. Denne enhed viser, hvad værten sender (visningsenhed).',
  },
  'cli.device.opt.user': {
    en: "a display board's codes come from this user's token in the store (or give --secret, --secret-hex or --uri)",
    da: 'en visningsenheds koder beregnes ud fra denne brugers token i lageret (eller angiv --secret, --secret-hex eller --uri)',
  },
  'cli.device.watch.driving': {
    en: 'Display board: this computer computes each code and shows it on the board when its button is pressed.',
    da: 'Visningsenhed: denne computer beregner hver kode og viser den på enheden, når der trykkes på knappen.',
  },
  'cli.device.watch.needKey': {
    en: 'this is a display board without a clock or secret: give --user USER, --secret, --secret-hex or --uri so this computer can compute the codes it shows.',
    da: 'dette er en visningsenhed uden ur eller hemmelighed: angiv --user BRUGER, --secret, --secret-hex eller --uri, så denne computer kan beregne de koder, den viser.',
  },
  'cli.device.watch.pushed': {
    en: '{time} code shown by this computer: {code} (valid for {seconds} s)',
    da: '{time} kode vist af denne computer: {code} (gyldig i {seconds} s)',
  },
  'cli.device.error.userAndSecret': {
    en: 'give either --user or a secret option (--secret, --secret-hex, --uri), not both',
    da: 'angiv enten --user eller en hemmelighed (--secret, --secret-hex, --uri), ikke begge',
  },
  'cli.device.watch.start': {
    en: 'Watching {port} (serial {serial}). Ctrl-C stops.',
    da: 'Følger {port} (serienummer {serial}). Ctrl-C stopper.',
  },
  'cli.device.event.button': { en: '{time} button{long}{host}', da: '{time} knap{long}{host}' },
  'cli.device.event.long': { en: ' (long)', da: ' (langt)' },
  'cli.device.event.host': { en: ' (from host)', da: ' (fra værten)' },
  'cli.device.event.code': {
    en: '{time} code {code} (step {step}, {seconds} s left)',
    da: '{time} kode {code} (trin {step}, {seconds} s tilbage)',
  },
  'cli.device.event.off': { en: '{time} display off', da: '{time} skærm slukket' },
  'cli.device.event.battery': { en: '{time} battery {percent}%{low}', da: '{time} batteri {percent}%{low}' },
  'cli.device.event.low': { en: ' (low)', da: ' (lavt)' },
  'cli.device.event.error': { en: '{time} board error {status}', da: '{time} enhedsfejl {status}' },
  'cli.device.event.disconnected': {
    en: '{time} disconnected; waiting for the board to come back',
    da: '{time} afbrudt; venter på at enheden kommer tilbage',
  },
  'cli.device.event.reconnected': { en: '{time} reconnected', da: '{time} forbundet igen' },
  'cli.device.drift.result': {
    en: 'Offset {offset} ms ± {uncertainty} ms, drift {ppm} ppm ({perDay} s/day) from {samples} reads over {seconds} s (fit residual {residual} ms)',
    da: 'Forskel {offset} ms ± {uncertainty} ms, drift {ppm} ppm ({perDay} s/døgn) ud fra {samples} aflæsninger over {seconds} s (restafvigelse {residual} ms)',
  },
  'cli.device.error.emptyPort': {
    en: "--port needs a path, e.g. /dev/ttyACM0 (see 'tokenkit device list')",
    da: "--port skal have en sti, f.eks. /dev/ttyACM0 (se 'tokenkit device list')",
  },
  'cli.device.drift.error.tooShort': {
    en: '--duration ({durationMs} ms) is shorter than --interval ({intervalMs} ms): drift needs at least two reads; measure longer or more often',
    da: '--duration ({durationMs} ms) er kortere end --interval ({intervalMs} ms): drift kræver mindst to aflæsninger; mål længere eller oftere',
  },
  'cli.device.error.severalBoards': {
    en: 'several boards are plugged in ({paths}): choose one with --port',
    da: 'flere enheder er tilsluttet ({paths}): vælg én med --port',
  },
});

/** How a command names its board. The HID engineer adds `hid` (--hid PATH|VID:PID) here and in openDevice. */
export interface DeviceTargetOptions {
  port?: string;
  /** --hid PATH|VID:PID (src/cli/hid-options.ts). */
  hid?: string;
  baud?: string;
  timeout?: string;
}

/** --port, --baud, --timeout on a device command. */
export function addTargetOptions(cmd: Command, lang: Lang): Command {
  return cmd
    .addOption(new Option('--port <path>', t(lang, 'cli.device.opt.port')))
    .addOption(new Option('--hid <target>', t(lang, 'cli.device.opt.hid')))
    .addOption(new Option('--baud <rate>', t(lang, 'cli.device.opt.baud')))
    .addOption(new Option('--timeout <ms>', t(lang, 'cli.device.opt.timeout')));
}

/** The one board discovery finds, or a usage error naming the several candidates. */
async function onlyBoard(env: NodeJS.ProcessEnv): Promise<DiscoveredPort> {
  const boards = [...(await discoverSerialBoards()), ...(await discoverCliHidBoards(env))];
  if (boards.length === 0) throw new NoBoardError();
  if (boards.length > 1)
    throw new UsageError('cli.device.error.severalBoards', { paths: boards.map((b) => b.path).join(', ') });
  return boards[0]!;
}

/**
 * Opens the board a command names: chooses the link (serial today; HID via `opts.hid` is a small addition
 * here), applies the reply timeout and traffic logging (TOKENKIT_DEBUG=traffic), and says HELLO.
 */
export async function openDevice(
  opts: DeviceTargetOptions,
  ctx: CliContext,
  extra: DeviceClientOptions = {},
): Promise<DeviceClient> {
  const timeoutMs = opts.timeout !== undefined ? parseInteger(opts.timeout, '--timeout', 1, 600_000) : undefined;
  const traffic = trafficSinkFromEnv(ctx.io.env, ctx.io.stderr);
  const clientOpts: DeviceClientOptions = {
    ...(timeoutMs ? { timeoutMs } : {}),
    ...(traffic ? { traffic } : {}),
    ...extra,
  };
  // Every option value is checked before any port is touched, whichever transport ends up used.
  let baudRate = opts.baud !== undefined ? parseInteger(opts.baud, '--baud', 300, 4_000_000) : undefined;
  if (opts.hid !== undefined) {
    if (opts.port !== undefined) throw new UsageError('cli.device.error.portAndHid');
    return DeviceClient.open(hidOpener(opts.hid, ctx.io.env), clientOpts);
  }
  let path = opts.port;
  if (path !== undefined && path.trim() === '') throw new UsageError('cli.device.error.emptyPort');
  if (path === undefined) {
    const board = await onlyBoard(ctx.io.env);
    if (board.transport === 'hid') return DeviceClient.open(hidOpener(board.path, ctx.io.env), clientOpts);
    path = board.path;
    baudRate ??= board.board?.baudRate ?? undefined;
  }
  return DeviceClient.open(SerialLink.opener(path, baudRate ? { baudRate } : {}), clientOpts);
}

/** Runs `work` with an open client and always closes it. */
async function withDevice<T>(
  opts: DeviceTargetOptions,
  ctx: CliContext,
  work: (client: DeviceClient) => Promise<T>,
  extra: DeviceClientOptions = {},
): Promise<T> {
  const client = await openDevice(opts, ctx, { reconnect: false, ...extra });
  try {
    return await work(client);
  } finally {
    await client.close();
  }
}

const CAPABILITY_NAMES = Object.entries(CAPABILITY) as [string, number][];
function capabilityList(bits: number): string[] {
  return CAPABILITY_NAMES.filter(([, bit]) => (bits & bit) !== 0).map(([name]) => name.toLowerCase().replace('_', '-'));
}

const clockTime = (ms: number): string => new Date(ms).toISOString().slice(11, 23);
const fixed = (n: number, digits = 1): string => n.toFixed(digits);

function registerList(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  device
    .command('list')
    .description(t(lang, 'cli.device.list.description'))
    .option('--all', t(lang, 'cli.device.opt.all'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: { all?: boolean; json?: boolean }) => {
      const found = [
        ...(await discoverSerialBoards({ all: opts.all ?? false })),
        ...(await discoverCliHidBoards(ctx.io.env, opts.all ?? false)),
      ];
      if (opts.json) {
        ctx.printJson(
          found.map((p) => ({
            transport: p.transport,
            path: p.path,
            vendorId: p.vendorId ?? null,
            productId: p.productId ?? null,
            serialNumber: p.serialNumber ?? null,
            manufacturer: p.manufacturer ?? null,
            board: p.board?.id ?? null,
            profile: p.board?.profile ?? null,
            mode: p.board?.mode ?? null,
          })),
        );
        return;
      }
      if (found.length === 0) {
        ctx.print(t(lang, 'cli.device.list.none'));
        return;
      }
      for (const p of found) {
        const ids = p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : '-';
        ctx.print(
          `${p.path}  ${p.transport}  ${ids}  ${p.board ? `${p.board.id} (${p.board.profile}, ${p.board.mode})` : t(lang, 'cli.device.list.unknown')}${p.serialNumber ? `  ${p.serialNumber}` : ''}`,
        );
      }
    });
}

function registerInfo(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  addTargetOptions(device.command('info').description(t(lang, 'cli.device.info.description')), lang)
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: DeviceTargetOptions & { json?: boolean }) => {
      await withDevice(opts, ctx, async (client) => {
        const info = client.info;
        if (opts.json) {
          ctx.printJson({
            ...info,
            capabilities: capabilityList(info.capabilities),
            capabilityBits: info.capabilities,
          });
          return;
        }
        const yesNo = (b: boolean) => t(lang, b ? 'cli.device.yes' : 'cli.device.no');
        ctx.print(t(lang, 'cli.device.info.port', { value: info.port }));
        ctx.print(t(lang, 'cli.device.info.serial', { value: info.serial }));
        ctx.print(t(lang, 'cli.device.info.profile', { value: info.profileId }));
        ctx.print(t(lang, 'cli.device.info.mode', { value: t(lang, `cli.device.mode.${info.mode}`) }));
        ctx.print(t(lang, 'cli.device.info.firmware', { value: info.firmwareVersion }));
        ctx.print(t(lang, 'cli.device.info.protocol', { value: info.protocolVersion }));
        ctx.print(t(lang, 'cli.device.info.provisioned', { value: yesNo(info.provisioned) }));
        ctx.print(t(lang, 'cli.device.info.capabilities', { value: capabilityList(info.capabilities).join(', ') }));
      });
    });
}

function registerProvision(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = addTargetOptions(
    device.command('provision').description(t(lang, 'cli.device.provision.description')),
    lang,
  );
  addSecretOptions(cmd, lang);
  cmd
    .option('--generate', t(lang, 'cli.device.opt.generate'))
    .addOption(new Option('--register <user>', t(lang, 'cli.device.opt.register')))
    .option('--show-secret', t(lang, 'cli.device.opt.showSecret'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(
      async (
        opts: DeviceTargetOptions &
          RawSecretOptions & { generate?: boolean; register?: string; showSecret?: boolean; json?: boolean },
        command: Command,
      ) => {
        const given =
          [opts.secret, opts.secretHex, opts.uri].filter((v) => v !== undefined).length + (opts.generate ? 1 : 0);
        if (given !== 1) throw new UsageError('cli.device.provision.error.source');
        const resolved = opts.generate
          ? secretFromOptions({ ...opts, secret: encodeBase32(generateSecret({ bytes: 20 })) }, {})
          : secretFromOptions(opts, {});
        if (resolved.secret.length > MAX_SECRET_BYTES)
          throw new UsageError('cli.device.provision.error.tooLong', {
            length: resolved.secret.length,
            max: MAX_SECRET_BYTES,
          });
        const globals = command.optsWithGlobals<{ store?: string }>();
        // Check the user is free BEFORE writing the board, so a refusal leaves both sides unchanged.
        const store =
          opts.register !== undefined
            ? openTokenStore({ ...(globals.store ? { path: globals.store } : {}), env: ctx.io.env })
            : undefined;
        try {
          if (store && opts.register !== undefined && store.get(opts.register))
            throw new UsageError('cli.device.provision.error.userExists', { user: opts.register });
          const info = await withDevice(opts, ctx, async (client) => {
            await client.provision({
              secret: resolved.secret,
              algorithm: resolved.algorithm,
              digits: resolved.digits,
              periodSec: resolved.periodSec,
              t0Sec: resolved.t0Sec,
            });
            return client.info;
          });
          if (store && opts.register !== undefined) {
            store.add({
              user: opts.register,
              kind: 'totp',
              secret: resolved.secret,
              algorithm: resolved.algorithm,
              digits: resolved.digits,
              periodSec: resolved.periodSec,
              t0Sec: resolved.t0Sec,
              issuer: resolved.issuer ?? null,
            });
          }
          const secretText = opts.showSecret ? encodeBase32(resolved.secret) : undefined;
          if (opts.json) {
            ctx.printJson({
              port: info.port,
              serial: info.serial,
              algorithm: resolved.algorithm,
              digits: resolved.digits,
              periodSec: resolved.periodSec,
              t0Sec: resolved.t0Sec,
              registered: opts.register ?? null,
              ...(secretText ? { secret: secretText } : {}),
            });
            return;
          }
          ctx.print(t(lang, 'cli.device.provision.done', { port: info.port, serial: info.serial }));
          if (opts.register !== undefined)
            ctx.print(t(lang, 'cli.device.provision.registered', { user: opts.register }));
          if (secretText) ctx.print(t(lang, 'cli.device.provision.secret', { secret: secretText }));
          else if (opts.generate && opts.register === undefined) ctx.print(t(lang, 'cli.device.provision.notShown'));
        } finally {
          store?.close();
        }
      },
    );
}

function registerTime(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  addTargetOptions(device.command('time').description(t(lang, 'cli.device.time.description')), lang)
    .addOption(new Option('--set <time>', t(lang, 'cli.device.opt.set')))
    .option('--force', t(lang, 'cli.device.opt.force'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: DeviceTargetOptions & { set?: string; force?: boolean; json?: boolean }) => {
      const target =
        opts.set === undefined
          ? undefined
          : opts.set.trim().toLowerCase() === 'now'
            ? ('now' as const)
            : parseTimeMs(opts.set, '--set');
      await withDevice(opts, ctx, async (client) => {
        // Read first: the round trip it measures compensates SET_TIME 'now'.
        let reading = await client.getTime();
        let adjusted: boolean | undefined;
        if (target !== undefined) {
          const result = await client.setTime(target, { force: opts.force ?? false });
          adjusted = result.adjusted;
          reading = await client.getTime();
        }
        const round = (n: number) => Math.round(n * 1000) / 1000;
        if (opts.json) {
          ctx.printJson({
            deviceMs: reading.deviceMs,
            hostMs: round(reading.hostMs),
            offsetMs: round(reading.offsetMs),
            uncertaintyMs: round(reading.uncertaintyMs),
            rttMs: round(reading.rttMs),
            ...(adjusted !== undefined ? { adjusted } : {}),
          });
          return;
        }
        if (adjusted === true) ctx.print(t(lang, 'cli.device.time.set'));
        if (adjusted === false) ctx.print(t(lang, 'cli.device.time.notSet'));
        ctx.print(
          t(lang, 'cli.device.time.line', {
            device: new Date(reading.deviceMs).toISOString(),
            offset: fixed(reading.offsetMs),
            uncertainty: fixed(reading.uncertaintyMs),
          }),
        );
      });
    });
}

function registerPress(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  addTargetOptions(device.command('press').description(t(lang, 'cli.device.press.description')), lang)
    .option('--long', t(lang, 'cli.device.opt.long'))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: DeviceTargetOptions & { long?: boolean; json?: boolean }) => {
      await withDevice(opts, ctx, async (client) => {
        const result = await client.press({ long: opts.long ?? false });
        if (opts.json) {
          ctx.printJson(
            result.kind === 'code'
              ? { code: result.code, step: result.step, remainingMs: result.remainingMs }
              : { code: null, long: opts.long ?? false },
          );
          return;
        }
        if (result.kind === 'code') ctx.print(result.code);
        else ctx.print(t(lang, opts.long ? 'cli.device.press.long' : 'cli.device.press.noCode'));
      });
    });
}

function eventLine(lang: Lang, e: EventMessage, atMs: number): string {
  const time = clockTime(atMs);
  switch (e.type) {
    case MessageType.BUTTON:
      return t(lang, 'cli.device.event.button', {
        time,
        long: e.long ? t(lang, 'cli.device.event.long') : '',
        host: e.host ? t(lang, 'cli.device.event.host') : '',
      });
    case MessageType.CODE_SHOWN:
      return t(lang, 'cli.device.event.code', {
        time,
        code: e.code,
        step: e.step,
        seconds: Math.ceil(e.remainingMs / 1000),
      });
    case MessageType.DISPLAY_OFF:
      return t(lang, 'cli.device.event.off', { time });
    case MessageType.BATTERY:
      return t(lang, 'cli.device.event.battery', {
        time,
        percent: e.percent,
        low: e.low ? t(lang, 'cli.device.event.low') : '',
      });
    case MessageType.ERROR:
      return t(lang, 'cli.device.event.error', { time, status: e.status });
  }
}

function eventJson(e: EventMessage, atMs: number): Record<string, unknown> {
  const { type, requestId: _id, ...fields } = e;
  return { event: MessageType[type].toLowerCase(), atMs, ...fields };
}

/** The key a display board's codes come from: --user from the store, or the secret options; none is fine. */
function displayKeyFromOptions(
  opts: RawSecretOptions & { user?: string },
  storePath: string | undefined,
  ctx: CliContext,
): HostKey | undefined {
  if (opts.user !== undefined) {
    if (opts.secret !== undefined || opts.secretHex !== undefined || opts.uri !== undefined)
      throw new UsageError('cli.device.error.userAndSecret');
    const store = openTokenStore({ ...(storePath ? { path: storePath } : {}), env: ctx.io.env });
    try {
      const token = store.get(opts.user);
      if (!token) throw new StoreError('notFound', 'store.error.notFound', { user: opts.user });
      return {
        secret: token.secret,
        algorithm: token.algorithm,
        digits: token.digits,
        periodSec: token.periodSec,
        t0Sec: token.t0Sec,
      };
    } finally {
      store.close();
    }
  }
  if (opts.secret === undefined && opts.secretHex === undefined && opts.uri === undefined) return undefined;
  const r = secretFromOptions(opts, ctx.io.env);
  return { secret: r.secret, algorithm: r.algorithm, digits: r.digits, periodSec: r.periodSec, t0Sec: r.t0Sec };
}

function registerWatch(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  const cmd = addSpeakerOptions(
    addTargetOptions(device.command('watch').description(t(lang, 'cli.device.watch.description')), lang),
    lang,
  )
    .option('--user <name>', t(lang, 'cli.device.opt.user'))
    .option('--json', t(lang, 'cli.opt.json'));
  addSecretOptions(cmd, lang);
  cmd.action(
    async (
      opts: DeviceTargetOptions & SpeakerOptions & RawSecretOptions & { user?: string; json?: boolean },
      command: Command,
    ) => {
      if (ctx.signal.aborted) return;
      // Read the key before opening the port, so a wrong user or secret stops here with nothing opened.
      const hostKey = displayKeyFromOptions(opts, command.optsWithGlobals<{ store?: string }>().store, ctx);
      // Watching is long-lived: reconnect when the board is unplugged and comes back.
      const client = await openDevice(opts, ctx, { reconnect: true, reconnectWaitMs: 365 * 86_400_000 });
      let speaker: Speaker | undefined;
      try {
        // An audio code reader board speaks on this computer's headphones: the board only shows digits.
        const speech = boardSpeech(client.info.profileId);
        if (speech) {
          const opened = await openSpeaker(opts, ctx, speech);
          speaker = opened.speaker;
          if (opened.silent) ctx.io.stderr(`${opened.silent}\n`);
          if (speaker) speakBoardCodes(client, speaker, (error) => ctx.io.stderr(`${silentReason(error, lang)}\n`));
        }
        if (opts.json)
          ctx.io.stdout(
            `${JSON.stringify({ event: 'connected', atMs: Date.now(), port: client.port, serial: client.info.serial })}\n`,
          );
        else ctx.print(t(lang, 'cli.device.watch.start', { port: client.port, serial: client.info.serial }));
        if (client.info.mode === 'display') {
          if (!hostKey) ctx.io.stderr(`${t(lang, 'cli.device.watch.needKey')}\n`);
          else {
            if (!opts.json) ctx.print(t(lang, 'cli.device.watch.driving'));
            driveDisplayBoard(client, hostKey, {
              onShown: (code, leftMs) => {
                const atMs = Date.now();
                if (opts.json)
                  ctx.io.stdout(`${JSON.stringify({ event: 'display', atMs, code, remainingMs: leftMs })}\n`);
                else
                  ctx.print(
                    t(lang, 'cli.device.watch.pushed', {
                      time: clockTime(atMs),
                      code,
                      seconds: Math.ceil(leftMs / 1000),
                    }),
                  );
                // A display board has no CODE_SHOWN of its own: the host that pushed the code reads it.
                speaker
                  ?.speakCode(code, { remainingSec: Math.ceil(leftMs / 1000) })
                  .catch((error: unknown) => ctx.io.stderr(`${silentReason(error, lang)}\n`));
              },
              onError: (error) =>
                ctx.io.stderr(
                  `${t(lang, 'cli.error.prefix', { message: error instanceof TokenkitError ? error.localized(lang) : String(error) })}\n`,
                ),
            });
          }
        }
        client.onEvent((e) => {
          const atMs = Date.now();
          if (opts.json) ctx.io.stdout(`${JSON.stringify(eventJson(e, atMs))}\n`);
          else ctx.print(eventLine(lang, e, atMs));
        });
        client.onConnection((c) => {
          const atMs = Date.now();
          if (opts.json) ctx.io.stdout(`${JSON.stringify({ event: c.state, atMs })}\n`);
          else
            ctx.print(
              t(lang, c.state === 'disconnected' ? 'cli.device.event.disconnected' : 'cli.device.event.reconnected', {
                time: clockTime(atMs),
              }),
            );
        });
        await new Promise<void>((resolve) => {
          if (ctx.signal.aborted) return resolve();
          ctx.signal.addEventListener('abort', () => resolve(), { once: true });
        });
      } finally {
        await speaker?.close();
        await client.close();
      }
    },
  );
}

function registerDrift(device: Command, ctx: CliContext): void {
  const { lang } = ctx;
  addTargetOptions(device.command('drift').description(t(lang, 'cli.device.drift.description')), lang)
    .addOption(new Option('--duration <d>', t(lang, 'cli.device.opt.duration')))
    .addOption(new Option('--interval <ms>', t(lang, 'cli.device.opt.interval')))
    .option('--json', t(lang, 'cli.opt.json'))
    .action(async (opts: DeviceTargetOptions & { duration?: string; interval?: string; json?: boolean }) => {
      const durationMs =
        opts.duration !== undefined ? parseDurationMs(opts.duration, '--duration', 7 * 86_400_000, '7d') : 60_000;
      const intervalMs = opts.interval !== undefined ? parseInteger(opts.interval, '--interval', 10, 3_600_000) : 1000;
      // One read gives an offset but no slope: a 0 ppm "result" would be made up.
      if (intervalMs > durationMs) throw new UsageError('cli.device.drift.error.tooShort', { durationMs, intervalMs });
      const samples: DriftSample[] = [];
      await withDevice(opts, ctx, async (client) => {
        const endMs = Date.now() + durationMs;
        for (;;) {
          const r = await client.getTime();
          samples.push({ hostMs: r.hostMs, offsetMs: r.offsetMs, uncertaintyMs: r.uncertaintyMs });
          if (Date.now() + intervalMs > endMs || ctx.signal.aborted) break;
          await new Promise<void>((resolve) => {
            const onAbort = () => {
              clearTimeout(timer);
              resolve();
            };
            const timer = setTimeout(() => {
              ctx.signal.removeEventListener('abort', onAbort);
              resolve();
            }, intervalMs);
            ctx.signal.addEventListener('abort', onAbort, { once: true });
          });
          if (ctx.signal.aborted) break;
        }
      });
      const fit = fitDrift(samples);
      const r3 = (n: number) => Math.round(n * 1000) / 1000;
      if (opts.json) {
        ctx.printJson({
          samples: fit.samples,
          spanMs: r3(fit.spanMs),
          offsetMs: r3(fit.offsetMs),
          uncertaintyMs: r3(fit.maxUncertaintyMs),
          driftPpm: r3(fit.driftPpm),
          residualMs: r3(fit.residualMs),
        });
        return;
      }
      ctx.print(
        t(lang, 'cli.device.drift.result', {
          offset: fixed(fit.offsetMs),
          uncertainty: fixed(fit.maxUncertaintyMs),
          ppm: fixed(fit.driftPpm),
          perDay: fixed((fit.driftPpm * 86_400) / 1e6, 2),
          samples: fit.samples,
          seconds: fixed(fit.spanMs / 1000),
          residual: fixed(fit.residualMs, 2),
        }),
      );
    });
}

export const register: RegisterCommand = (program, ctx) => {
  const device = program.command('device').description(t(ctx.lang, 'cli.device.description'));
  registerList(device, ctx);
  registerInfo(device, ctx);
  registerProvision(device, ctx);
  registerTime(device, ctx);
  registerPress(device, ctx);
  registerWatch(device, ctx);
  registerDrift(device, ctx);
};
