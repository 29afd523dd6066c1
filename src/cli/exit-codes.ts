/** Documented exit codes of the `tokenkit` command (README "Exit codes"). */
export const EXIT = {
  OK: 0,
  /** A code is not valid, was replayed, or a vector failed. */
  NOT_VALID: 1,
  /** Bad input: a wrong flag, value, secret, URI, time, or an unusable store file. */
  USAGE: 2,
  /** The token is locked out after too many wrong codes. */
  LOCKED: 3,
  /** A board or port problem: not found, not a token, no answer, unplugged, busy. */
  DEVICE: 4,
  /** A needed external program is missing (socat, a speech engine): the message names the package. */
  MISSING_TOOL: 5,
  /** A bug in tokenkit: please report it. */
  INTERNAL: 70,
  /** Stopped by Ctrl-C. */
  INTERRUPTED: 130,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
