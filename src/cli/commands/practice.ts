import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { Command } from 'commander';
import { untilAborted } from '../../clock';
import { t } from '../../i18n/index';
import { resolveStorePath } from '../../store/index';
import type { CliContext } from '../context';
import { UsageError } from '../errors';
import type { RegisterCommand } from './index';

interface PracticeOptions {
  port?: string;
  host?: string;
  open?: boolean;
}

const DEFAULT_PORT = 8080;

async function runPractice(opts: PracticeOptions, command: Command, ctx: CliContext): Promise<void> {
  const { lang, io } = ctx;
  const port = opts.port === undefined ? DEFAULT_PORT : Number(opts.port);
  if (opts.port !== undefined && (!/^\d{1,5}$/.test(opts.port) || port > 65535)) {
    throw new UsageError('cli.practice.error.port', { value: opts.port.slice(0, 12) });
  }
  const globals = command.optsWithGlobals<{ store?: string; lang?: string }>();
  // Loaded here so other commands do not pay for fastify at start-up.
  const { createPracticeServer, isLoopbackHost, newTrainerPassphrase, reachableUrls } = await import(
    '../../practice/index'
  );
  const host = opts.host ?? '127.0.0.1';
  let passphrase = io.env.TOKENKIT_TRAINER_PASSPHRASE || undefined;
  let generated = false;
  if (passphrase === undefined && !isLoopbackHost(host)) {
    passphrase = newTrainerPassphrase((size) => new Uint8Array(randomBytes(size)));
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
    await untilAborted(ctx.signal);
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
    .option('--port <number>', t(lang, 'cli.practice.opt.port'))
    .option('--host <address>', t(lang, 'cli.practice.opt.host'))
    .option('--open', t(lang, 'cli.practice.opt.open'))
    .addHelpText('after', `\n${t(lang, 'cli.practice.help.passphrase')}`)
    .action((opts: PracticeOptions, command: Command) => runPractice(opts, command, ctx));
};
