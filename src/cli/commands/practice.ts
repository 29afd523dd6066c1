import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { defineMessages, t } from '../../i18n/index';
import { resolveStorePath } from '../../store/index';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import type { RegisterCommand } from './index';

export const PRACTICE_CLI_MESSAGES = defineMessages({
  'cli.practice.description': {
    en: 'serve the practice login site: learners create a user ID, activate a token and log in; a trainer console runs the class',
    da: 'start øvelsessiden: kursister opretter et bruger-ID, aktiverer en kodeviser og logger på; underviseren styrer holdet fra en konsol',
  },
  'cli.practice.opt.port': {
    en: 'port to listen on (default 8080; 0 picks a free one)',
    da: 'porten der lyttes på (standard 8080; 0 vælger en ledig)',
  },
  'cli.practice.opt.host': {
    en: 'address to listen on (default 127.0.0.1: this computer only). Another address lets the class connect and needs a trainer passphrase',
    da: 'adressen der lyttes på (standard 127.0.0.1: kun denne computer). En anden adresse lader holdet koble på og kræver en adgangsfrase til underviseren',
  },
  'cli.practice.opt.open': { en: 'open the site in the web browser', da: 'åbn siden i webbrowseren' },
  'cli.practice.help.passphrase': {
    en: 'The trainer passphrase comes from $TOKENKIT_TRAINER_PASSPHRASE (at least 8 characters); with --host beyond this computer and no passphrase set, one is made and printed here.',
    da: 'Underviserens adgangsfrase tages fra $TOKENKIT_TRAINER_PASSPHRASE (mindst 8 tegn); med --host ud over denne computer og ingen adgangsfrase laves der en, som skrives her.',
  },
  'cli.practice.serving': { en: 'Practice site: {url}', da: 'Øvelsessiden: {url}' },
  'cli.practice.trainer': { en: 'Trainer console: {url}trainer', da: 'Underviserens konsol: {url}trainer' },
  'cli.practice.stop': { en: 'Stop with Ctrl-C.', da: 'Stop med Ctrl-C.' },
  'cli.practice.exposed': {
    en: 'Warning: the site can be reached by every computer on this network, over plain HTTP. Use it on a classroom network only, and only with practice data.',
    da: 'Advarsel: siden kan nås af alle computere på dette netværk, over almindelig HTTP. Brug den kun på et undervisningsnetværk og kun med øvelsesdata.',
  },
  'cli.practice.generatedPassphrase': {
    en: 'Trainer passphrase (made for this run; set TOKENKIT_TRAINER_PASSPHRASE to choose one): {passphrase}',
    da: 'Underviserens adgangsfrase (lavet til denne kørsel; sæt TOKENKIT_TRAINER_PASSPHRASE for at vælge en selv): {passphrase}',
  },
  'cli.practice.qr': {
    en: 'Scan to open the practice site on a phone on the same network:',
    da: 'Scan for at åbne øvelsessiden på en telefon på samme netværk:',
  },
  'cli.practice.openFailed': {
    en: 'could not open a web browser ({detail}): open {url} yourself',
    da: 'kunne ikke åbne en webbrowser ({detail}): åbn selv {url}',
  },
  'cli.practice.error.port': {
    en: "--port '{value}' is not a port: give a whole number from 0 to 65535",
    da: "--port '{value}' er ikke en port: angiv et helt tal fra 0 til 65535",
  },
});

interface PracticeOptions {
  port?: string;
  host?: string;
  open?: boolean;
}

const DEFAULT_PORT = 8080;

/** Four groups of four letters and digits without look-alikes: easy to read off a screen and type. */
function makePassphrase(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 4, 8, 12].map((i) => chars.slice(i, i + 4).join('')).join('-');
}

async function runPractice(opts: PracticeOptions, command: Command, ctx: CliContext): Promise<void> {
  const { lang, io } = ctx;
  const port = opts.port === undefined ? DEFAULT_PORT : Number(opts.port);
  if (opts.port !== undefined && (!/^\d{1,5}$/.test(opts.port) || port > 65535)) {
    throw new UsageError('cli.practice.error.port', { value: opts.port.slice(0, 12) });
  }
  const globals = command.optsWithGlobals<{ store?: string; lang?: string }>();
  // Loaded here so other commands do not pay for fastify at start-up.
  const { createPracticeServer, isLoopbackHost, reachableUrls } = await import('../../practice/index');
  const host = opts.host ?? '127.0.0.1';
  let passphrase = io.env.TOKENKIT_TRAINER_PASSPHRASE || undefined;
  let generated = false;
  if (passphrase === undefined && !isLoopbackHost(host)) {
    passphrase = makePassphrase();
    generated = true;
  }
  const server = await createPracticeServer({
    store: resolveStorePath(globals.store, io.env),
    host,
    port,
    // Pages are Danish unless --lang says otherwise (the terminal's locale decides only this output).
    lang: globals.lang !== undefined ? lang : 'da',
    ...(passphrase !== undefined ? { trainerPassphrase: passphrase } : {}),
  });
  try {
    const urls = reachableUrls(server);
    const main = urls[0] ?? server.url;
    for (const url of urls) ctx.print(t(lang, 'cli.practice.serving', { url }));
    ctx.print(t(lang, 'cli.practice.trainer', { url: main }));
    if (!isLoopbackHost(host)) {
      io.stderr(`${t(lang, 'cli.practice.exposed')}\n`);
      // Printed because the trainer must know it to sign in; a chosen one (the variable) is never printed.
      if (generated) ctx.print(t(lang, 'cli.practice.generatedPassphrase', { passphrase: passphrase! }));
      const qrcode = (await import('qrcode-terminal')).default;
      ctx.print(t(lang, 'cli.practice.qr'));
      qrcode.generate(main, { small: true }, (code) => ctx.print(code));
    }
    ctx.print(t(lang, 'cli.practice.stop'));
    if (opts.open) openBrowser(main, ctx);
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) return resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  } finally {
    await server.close();
  }
}

function openBrowser(url: string, ctx: CliContext): void {
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  const warn = (detail: string) => ctx.io.stderr(`${t(ctx.lang, 'cli.practice.openFailed', { detail, url })}\n`);
  try {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', (error: NodeJS.ErrnoException) => warn(error.code ?? error.message));
    child.unref();
  } catch (error) {
    warn((error as Error).message);
  }
}

export const register: RegisterCommand = (program, ctx) => {
  const { lang } = ctx;
  program
    .command('practice')
    .description(t(lang, 'cli.practice.description'))
    .option('--port <n>', t(lang, 'cli.practice.opt.port'))
    .option('--host <addr>', t(lang, 'cli.practice.opt.host'))
    .option('--open', t(lang, 'cli.practice.opt.open'))
    .addHelpText('after', `\n${t(lang, 'cli.practice.help.passphrase')}`)
    .action((opts: PracticeOptions, command: Command) => runPractice(opts, command, ctx));
};
