import fastifyHelmet from '@fastify/helmet';
import fp from 'fastify-plugin';
import { isApiPath } from './api-contract.ts';

/**
 * The app's Content-Security-Policy. Scripts come only from our own files (no inline script,
 * no eval), so an injected `<script>` or event handler does not run.
 *
 * Styles, images and fonts are looser on purpose. The reader shows a mail in an
 * `<iframe sandbox srcdoc>`, and a srcdoc document inherits this policy (its policy
 * container is its parent's), on top of the frame's own, stricter CSP meta, which the web
 * app writes per message: `default-src 'none'`, images only from data: URLs unless the user
 * allowed remote content for that message or sender. The browser enforces both, so this
 * policy must allow what a mail may legitimately use: inline styles (mail layout is inline
 * CSS), data: images, and http(s) images and fonts once the user allowed them. The frame has
 * no script capability at all (sandbox without allow-scripts), so the looser style and
 * image sources give injected markup nothing to run. Part downloads send their own,
 * stricter policy (PART_SECURITY_HEADERS), which replaces this one on those responses.
 */
export const CONTENT_SECURITY_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'", "'unsafe-inline'"],
  'img-src': ["'self'", 'data:', 'https:', 'http:'],
  'font-src': ["'self'", 'https:'],
  'connect-src': ["'self'"],
  'frame-src': ["'self'"],
  'frame-ancestors': ["'none'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'self'"],
  'worker-src': ["'self'"],
  'manifest-src': ["'self'"],
};

/** One year; no includeSubDomains: other hosts under Petrel's name are not ours to pin. */
const HSTS = 'max-age=31536000';

/**
 * Security headers on every response (helmet): the CSP above, no Referer leaving the app
 * (a mail's links would otherwise reveal the URL they were opened from), no MIME sniffing,
 * no framing of the app by anyone (clickjacking), and a browsing context group and resource
 * policy of our own. Registered before every other hook, so even requests refused early
 * (CSRF, rate limits, 404s) carry them.
 */
export const securityHeaders = fp(async (app) => {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: { useDefaults: false, directives: CONTENT_SECURITY_POLICY },
    referrerPolicy: { policy: 'no-referrer' },
    // X-Content-Type-Options: nosniff is on by default.
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
    // Set below, per request.
    strictTransportSecurity: false,
  });

  // HSTS only where the browser reached us over TLS: directly, or through the trusted proxy
  // (X-Forwarded-Proto counts only from PETREL_TRUST_PROXY). Browsers ignore it over plain
  // HTTP anyway; leaving it off there keeps a loopback demo on http:// usable.
  app.addHook('onRequest', async (request, reply) => {
    // On the raw response, as helmet does, so it survives routes that write their own head;
    // a route's own header of the same name (a part's Cache-Control) still replaces it.
    if (request.protocol === 'https') reply.raw.setHeader('strict-transport-security', HSTS);
    // Mail is private: no shared cache on the way, and no copy in the browser's HTTP cache
    // beside the app's own store, which the user can clear by signing out.
    if (isApiPath(request.url)) reply.raw.setHeader('cache-control', 'no-store');
  });
});
