import type { RequestHandler } from 'express';

/**
 * The Content-Security-Policy of every response: scripts, styles and images only from this origin, no
 * inline script or style, no plugins, forms only to this origin, never framed.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Conservative headers for pages, the JSON API and file downloads. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cache-Control', 'no-store');
  next();
};

/**
 * For a document the app shows inside its own page (the draft beside the signer's buttons): framed by
 * this origin only, never by another site.
 */
export function allowSameOriginFrame(res: import('express').Response): void {
  res.setHeader(
    'Content-Security-Policy',
    CONTENT_SECURITY_POLICY.replace("frame-ancestors 'none'", "frame-ancestors 'self'"),
  );
  res.setHeader('X-Frame-Options', 'SAMEORIGIN');
}
