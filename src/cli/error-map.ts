import { TokenkitError } from '../errors';
import { ExitError } from './errors';
import { EXIT } from './exit-codes';

/**
 * The one place that turns a typed error into an exit code. Each layer's error base is listed here by
 * its `name` so this module needs no import of layers that a given build may not load; any other
 * TokenkitError is a bad-input error (exit 2). (The build keeps class names: tsup.config.ts `keepNames`.)
 * `tokenkit token verify` sets exit 3 (locked out) itself, because it also prints the result.
 */
const EXIT_BY_ERROR_NAME: Record<string, number> = {
  LinkError: EXIT.DEVICE,
  LinkClosedError: EXIT.DEVICE,
  LinkTimeoutError: EXIT.DEVICE,
  DeviceError: EXIT.DEVICE,
  DeviceTimeoutError: EXIT.DEVICE,
  DeviceBusyError: EXIT.DEVICE,
  NotATokenError: EXIT.DEVICE,
  ProtocolVersionError: EXIT.DEVICE,
  FrameError: EXIT.DEVICE,
  HidError: EXIT.DEVICE,
  MissingToolError: EXIT.MISSING_TOOL,
  SpeechUnavailableError: EXIT.MISSING_TOOL,
  SpeechDeviceError: EXIT.DEVICE,
  SpeechAbortedError: EXIT.INTERRUPTED,
  UnsafeSpeechTextError: EXIT.INTERNAL,
};

export function exitCodeFor(error: unknown): number {
  if (error instanceof ExitError) return error.exitCode;
  if (!(error instanceof TokenkitError)) return EXIT.INTERNAL;
  for (
    let proto = Object.getPrototypeOf(error);
    proto && proto !== TokenkitError.prototype;
    proto = Object.getPrototypeOf(proto)
  ) {
    const code = EXIT_BY_ERROR_NAME[(proto.constructor as { name: string }).name];
    if (code !== undefined) return code;
  }
  return EXIT.USAGE;
}
