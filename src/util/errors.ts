/**
 * Bad input from the user (a suite file, a flag, a config value). The CLI prints the message
 * and exits with code 2; nothing already stored is touched.
 */
export class InputError extends Error {
  override readonly name = 'InputError';
}
