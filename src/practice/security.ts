/**
 * The Content-Security-Policy of every response: no inline script or style, nothing from elsewhere,
 * no framing, forms post only here. Audio for the web token may come from blob: URLs made in the page.
 */
export const CONTENT_SECURITY_POLICY =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; media-src 'self' blob:; " +
  "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";
