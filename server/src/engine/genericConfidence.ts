// How sure a generic finding (a secret-like name + a value that passed the shape checks) can be: a long,
// high-entropy value is probably a live credential; a short or plain one may be a test password or a
// configuration string. Low-confidence generic findings are warnings (scanText's gradeSeverity).
import { shannonEntropy } from './entropy';
import type { Confidence } from './types';

function characterClasses(value: string): number {
  return [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
}

export function genericConfidence(value: string): Confidence {
  const entropy = shannonEntropy(value);
  if (value.length >= 20 && entropy >= 3.5) return 'medium';
  if (value.length >= 12 && entropy >= 3 && characterClasses(value) >= 3) return 'medium';
  return 'low';
}
