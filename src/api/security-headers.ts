// Security headers, computed once at start: helmet's middleware is run against a recorder and the
// headers it sets are kept, so a request pays for copying a dozen strings, not for rebuilding the
// policy (the Fastify plugin builds helmet anew on every request: ~4% of a person view).

import helmet, { type HelmetOptions } from 'helmet';

export const contentSecurityPolicy: HelmetOptions['contentSecurityPolicy'] = {
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    // Ant Design writes its styles at run time.
    styleSrc: ["'self'", "'unsafe-inline'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    connectSrc: ["'self'"],
    fontSrc: ["'self'", 'data:'],
    objectSrc: ["'none'"],
    frameAncestors: ["'none'"],
    upgradeInsecureRequests: null,
  },
};

/** The headers helmet would set on every reply, with `cache-control: no-store` (replies hold personal data). */
export function securityHeaders(options: HelmetOptions = { contentSecurityPolicy, hsts: false }): Readonly<Record<string, string>> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let failure: unknown;
  helmet(options)({} as never, recorder as never, (error?: unknown) => {
    failure = error;
  });
  if (failure instanceof Error) throw failure;
  if (failure !== undefined) throw new Error('helmet refused the security header options');
  headers['cache-control'] = 'no-store';
  return Object.freeze(headers);
}
