// Values and names that are meant to be public: keys a provider designs to ship in browser code, and
// variable names that look secret (TOKEN, SECRET…) or publishable (PUBLISHABLE, ANON…). Data, not logic.

/** Value shapes of keys a provider documents as safe in client code. */
const PUBLISHABLE_VALUES: Array<{ provider: string; pattern: RegExp }> = [
  { provider: 'Stripe publishable key', pattern: /^pk_(live|test)_[A-Za-z0-9]+$/ },
  { provider: 'Supabase publishable key', pattern: /^sb_publishable_[A-Za-z0-9_-]+$/ },
  { provider: 'Clerk publishable key', pattern: /^pk_(live|test)_[A-Za-z0-9+/=_-]+$/ },
  { provider: 'Mapbox public token', pattern: /^pk\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/ },
  { provider: 'PostHog project key', pattern: /^phc_[A-Za-z0-9]+$/ },
  // Firebase web config and Google Maps keys are restricted by referrer, not secret.
  { provider: 'Google / Firebase web API key', pattern: /^AIza[0-9A-Za-z_-]{35}$/ },
  // A Sentry DSN's key is public by design; it only allows sending events.
  { provider: 'Sentry DSN', pattern: /^https:\/\/[0-9a-f]{32}@[\w.-]*sentry\.io\/\d+$|^https:\/\/[0-9a-f]{32}@o\d+\.ingest\.[\w.]+\/\d+$/ },
];

/** Names that say "this is meant for the browser", whatever the value looks like. */
const PUBLISHABLE_NAME = /PUBLISHABLE|ANON_KEY|(^|_)PUBLIC_KEY$|SITE_KEY|(^|_)DSN$|MEASUREMENT_ID|APP_ID$|PROJECT_ID$|CLIENT_ID$|SEARCH(_ONLY)?_(API_)?KEY/;

/** Names of variables that hold secrets by convention. */
// Plain `API_KEY` is left out: many browser keys are called that (Maps, Algolia search); the rules judge those by value.
const SECRET_NAME = /SECRET|PRIVATE_KEY|SERVICE_ROLE|SERVICE_KEY|PASSWORD|PASSWD|(^|_)PWD$|(^|_)TOKEN(S)?($|_)|CREDENTIALS?($|_)|DATABASE_URL|DB_URL|CONNECTION_STRING/;

/** The provider name when `value` is a key designed to be public, else undefined. */
export function publishableKind(value: string): string | undefined {
  for (const { provider, pattern } of PUBLISHABLE_VALUES) if (pattern.test(value)) return provider;
  const role = jwtRole(value);
  if (role === 'anon') return 'Supabase anon key';
  return undefined;
}

/** True when a variable name marks its value as public by intent (`…_PUBLISHABLE_KEY`, `…_ANON_KEY`). */
export function hasPublishableName(name: string): boolean {
  return PUBLISHABLE_NAME.test(name.toUpperCase());
}

/** True when a variable name marks its value as a secret (`…_SECRET`, `…_TOKEN`, `…SERVICE_ROLE…`). */
export function hasSecretName(name: string): boolean {
  const upper = name.toUpperCase();
  return SECRET_NAME.test(upper) && !hasPublishableName(upper);
}

/** The `role` claim of a JWT (Supabase: `anon` or `service_role`), if the value is one. */
export function jwtRole(value: string): string | undefined {
  const parts = value.split('.');
  if (parts.length !== 3 || !parts[0].startsWith('eyJ')) return undefined;
  try {
    const payload = JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/'))) as { role?: unknown };
    return typeof payload.role === 'string' ? payload.role : undefined;
  } catch {
    return undefined;
  }
}
