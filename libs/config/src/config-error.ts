/** A setting that is not acceptable: says which, what it was, and what is accepted. */
export class ConfigError extends Error {
  readonly code = 'InvalidConfig';
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}
