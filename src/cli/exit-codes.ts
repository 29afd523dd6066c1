// Documented exit codes of the `tokenkit` command (README "Exit codes"): declared with the error categories
// they follow from, in src/errors.ts.
export { EXIT, type ExitCode } from '../errors';
