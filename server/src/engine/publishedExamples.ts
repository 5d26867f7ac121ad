// Credentials that providers print in their own documentation, so they turn up in countless tutorials,
// READMEs and tests. They are facts of public documentation, not anyone's live secret: reporting them
// only teaches users to ignore the tool. Each entry names the page it comes from.

/** Exact values (compared as is). */
const PUBLISHED = new Set<string>([
  // AWS documentation's example access key pair (docs.aws.amazon.com, "Managing access keys").
  'AKIAIOSFODNN7EXAMPLE',
  'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
  // Kubernetes documentation's Secret example (kubernetes.io/docs/concepts/configuration/secret):
  // base64 of "admin" / "1f2d1e2e67df" and the plain password.
  'MWYyZDFlMmU2N2Rm',
  '1f2d1e2e67df',
]);

/** The example token on jwt.io's debugger (HS256 over {"sub":"1234567890","name":"John Doe","iat":1516239022},
 * secret "your-256-bit-secret"): its signature identifies it whatever header spelling precedes it. */
const JWT_IO_SIGNATURES = ['SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c'];
const JWT_IO_PAYLOAD = 'eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ';

/** True when `value` is (or, for JWTs, is signed like) a credential printed in a provider's documentation. */
export function isPublishedExample(value: string): boolean {
  if (PUBLISHED.has(value)) return true;
  if (value.startsWith('eyJ')) {
    const parts = value.split('.');
    if (parts.length === 3 && (parts[1] === JWT_IO_PAYLOAD || JWT_IO_SIGNATURES.includes(parts[2]))) return true;
  }
  return false;
}
