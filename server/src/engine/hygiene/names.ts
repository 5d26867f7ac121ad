// Which identifiers and env variable names hold credentials, and which provider family a name or host
// belongs to (AI and crypto keys are graded first). Pure word lists; no values are ever looked at.

/** Words that name a credential when they end an identifier (`apiKey`, `CLIENT_SECRET`, `password`). */
export const CREDENTIAL_WORDS: readonly string[] = ['key', 'secret', 'token', 'password', 'passwd', 'pwd', 'passphrase', 'apikey', 'credential', 'credentials'];
const CREDENTIAL_TAIL = new Set(CREDENTIAL_WORDS);
/** `key` and `token` alone are everywhere (map keys, lexer tokens, pagination tokens): they need a qualifier. */
export const NEEDS_QUALIFIER: ReadonlySet<string> = new Set(['key', 'token', 'credential', 'credentials']);
const QUALIFIERS = new Set([
  'api', 'secret', 'private', 'access', 'auth', 'client', 'signing', 'master', 'service', 'admin', 'bearer', 'refresh',
  'oauth', 'bot', 'personal', 'deploy', 'webhook', 'encryption', 'app', 'session', 'aws', 'gcp', 'azure',
]);

/** Words that make a credential-ending name something else: a flag (`hasApiKey`), an error code
 * (`NO_API_KEY`, `INVALID_TOKEN`), a label or a public key (`publishableKey`, `csrfToken`). */
const NOT_A_VALUE = new Set([
  'public', 'publishable', 'csrf', 'xsrf', 'anon', 'no', 'missing', 'invalid', 'empty', 'required', 'bad', 'wrong', 'expired', 'unauthorized',
  'error', 'errors', 'err', 'code', 'codes', 'status', 'type', 'kind', 'mode', 'header', 'prompt', 'message', 'msg', 'label', 'placeholder',
  'hint', 'max', 'min', 'length', 'regex', 'pattern', 'policy', 'field', 'param', 'option', 'input', 'show', 'hide', 'has', 'is', 'use', 'needs',
]);

export type ProviderFamily = 'ai' | 'crypto' | 'other';

/** Provider words (in names and hosts) of the prime targets: AI providers and crypto exchanges. */
const AI_WORDS = new Set([
  'openai', 'anthropic', 'claude', 'gemini', 'mistral', 'groq', 'cohere', 'huggingface', 'hf', 'replicate', 'deepseek', 'xai', 'grok',
  'perplexity', 'together', 'fireworks', 'openrouter', 'elevenlabs', 'deepgram', 'assemblyai', 'voyage', 'cerebras', 'anyscale', 'stability', 'ai21',
]);
const CRYPTO_WORDS = new Set([
  'binance', 'coinbase', 'kraken', 'bybit', 'okx', 'kucoin', 'bitfinex', 'bitmex', 'bitstamp', 'poloniex', 'huobi', 'htx', 'gateio', 'bitget',
  'mexc', 'deribit', 'exchange', 'wallet', 'mnemonic', 'alchemy', 'infura', 'etherscan', 'moralis',
]);

/** Splits `openAIApiKey`, `OPENAI_API_KEY`, `api-key` into lower-case words. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

/** True when a variable, property or env variable of this name holds a credential by convention. */
export function holdsCredential(name: string): boolean {
  // A framework's public prefix says where the variable goes, not what it holds (NEXT_PUBLIC_OPENAI_API_KEY).
  const words = nameWords(name.replace(/^(NEXT_PUBLIC_|NUXT_PUBLIC_|EXPO_PUBLIC_|VITE_|REACT_APP_|VUE_APP_|GATSBY_|PUBLIC_)/, ''));
  const last = words[words.length - 1];
  if (!last || !CREDENTIAL_TAIL.has(last)) return false;
  if (words.some((w) => NOT_A_VALUE.has(w))) return false;
  if (!NEEDS_QUALIFIER.has(last)) return true;
  const before = words.slice(0, -1);
  return before.some((w) => QUALIFIERS.has(w) || AI_WORDS.has(w) || CRYPTO_WORDS.has(w) || /^(github|gitlab|npm|slack|discord|telegram|stripe|twilio|sendgrid|vercel|supabase|jwt|hmac)$/.test(w));
}

/** The family of a name or host, from its words (`OPENAI_API_KEY` → ai, `api.binance.com` → crypto). */
export function providerFamily(...names: string[]): ProviderFamily {
  const words = names.flatMap(nameWords);
  if (words.some((w) => AI_WORDS.has(w))) return 'ai';
  if (words.some((w) => CRYPTO_WORDS.has(w))) return 'crypto';
  return 'other';
}
