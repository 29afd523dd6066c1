import type { Command } from 'commander';
import { Option } from 'commander';
import type { ProvisionKey } from '../../../device/index';
import { t } from '../../../i18n/index';
import { encodeBase32, generateSecret, keySpec } from '../../../otp/index';
import type { CliContext } from '../../context';
import { UsageError } from '../../errors';
import { render } from '../../render';
import { addSecretOptions, givenSecretFlags, type RawSecretOptions, secretFromOptions } from '../../secret-options';
import { openCliStore } from '../../store';
import { addTargetOptions, type DeviceTargetOptions, withDevice } from './target';

type ProvisionOptions = DeviceTargetOptions &
  RawSecretOptions & { generate?: boolean; register?: string; showSecret?: boolean; json?: boolean };

/** The key the options name: exactly one of --secret, --secret-hex, --uri, --generate. */
function keyFromOptions(opts: ProvisionOptions): ProvisionKey {
  const given = givenSecretFlags(opts).length + (opts.generate ? 1 : 0);
  if (given !== 1) throw new UsageError('cli.device.provision.error.source');
  const r = opts.generate
    ? secretFromOptions({ ...opts, secret: encodeBase32(generateSecret({ bytes: 20 })) }, {})
    : secretFromOptions(opts, {});
  return {
    kind: r.type,
    ...keySpec(r),
    issuer: r.issuer ?? null,
  };
}

export function registerProvision(device: Command, ctx: CliContext): void {
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
    .action(async (opts: ProvisionOptions, command: Command) => {
      const key = keyFromOptions(opts);
      const { checkBoardKey, provisionBoard } = await import('../../../device/index');
      // Everything that can be refused is refused before the board or the store is touched.
      checkBoardKey(key);
      const user = opts.register;
      const store = user !== undefined ? await openCliStore(command, ctx) : undefined;
      try {
        const info = await withDevice(opts, ctx, (client) => {
          // Said once the board is found and before it is written: afterwards the secret is gone for good.
          if (opts.generate && user === undefined && !opts.showSecret)
            ctx.io.stderr(`${t(lang, 'cli.device.provision.notShown')}\n`);
          return provisionBoard(client, key, store && user !== undefined ? { store, user } : undefined);
        });
        const secretText = opts.showSecret ? encodeBase32(key.secret) : undefined;
        const data = {
          port: info.port,
          serial: info.serial,
          algorithm: key.algorithm,
          digits: key.digits,
          periodSec: key.periodSec,
          t0Sec: key.t0Sec,
          registered: user ?? null,
          ...(secretText ? { secret: secretText } : {}),
        };
        render(ctx, opts, data, () => [
          t(lang, 'cli.device.provision.done', { port: info.port, serial: info.serial }),
          ...(user !== undefined ? [t(lang, 'cli.device.provision.registered', { user })] : []),
          ...(secretText ? [t(lang, 'cli.device.provision.secret', { secret: secretText })] : []),
        ]);
      } finally {
        store?.close();
      }
    });
}
