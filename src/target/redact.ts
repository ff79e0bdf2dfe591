/** Removes a secret from any text before it is stored, logged or shown. */
export function redactor(secret: string | undefined): (text: string) => string {
  if (!secret || secret.length < 4) return (text) => text;
  return (text) => (text.includes(secret) ? text.split(secret).join('[REDACTED]') : text);
}
