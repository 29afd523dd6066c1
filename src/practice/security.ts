/**
 * The Content-Security-Policy of every response: no inline script or style, nothing from elsewhere,
 * no framing, forms post only here. Audio for the web token may come from blob: URLs made in the page.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self' blob:; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

/**
 * The security headers of every response: set by the server's onSend hook, and written by hand by the
 * routes that take over the socket (the console's event stream), so those send the same.
 */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
});
