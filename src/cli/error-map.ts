// The one place that turns a typed error into an exit code is src/errors.ts (`exitCodeFor`, from the
// error's `category` field): the build no longer needs class names for it.
export { exitCodeFor } from '../errors';
