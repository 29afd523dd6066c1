import type { Command } from 'commander';
import type { CliContext } from '../context';

/**
 * Every top-level command registers itself here, one module per command group under
 * src/cli/commands/. Commands are thin: parse options, call the library, print.
 */
export type RegisterCommand = (program: Command, ctx: CliContext) => void;

export const COMMANDS: RegisterCommand[] = [];
