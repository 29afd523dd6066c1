import type { Command } from 'commander';
import type { CliContext } from '../context';
import { register as registerDevice } from './device/index';
import { register as registerOtp } from './otp';
import { register as registerPractice } from './practice';
import { register as registerSim } from './sim';
import { register as registerSpeak } from './speak';
import { register as registerToken } from './token';

/**
 * Every top-level command group registers itself here, one module per group under
 * src/cli/commands/. Commands are thin: parse options, call the library, print.
 */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const COMMANDS: RegisterCommand[] = [
  registerOtp,
  registerToken,
  registerDevice,
  registerSpeak,
  registerSim,
  registerPractice,
];
