import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Masks a mainland phone number: 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length < 7) return '****';
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

const PHONE_IN_TEXT = /(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g;

/** Replaces every mobile number inside free text with its masked form (for log lines). */
export function maskPhonesInText(text: string): string {
  return text.replace(PHONE_IN_TEXT, '$1****$2');
}

/**
 * Structured JSON logs. Secrets and contact data never reach them: known sensitive keys are censored,
 * and any string is scrubbed of mobile numbers before it is written. `destination` defaults to stdout
 * (tests pass a stream to read what would be logged).
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: undefined,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.token',
        '*.contactPhone',
        '*.phone',
        '*.secret',
        '*.session_key',
      ],
      censor: '[redacted]',
    },
    hooks: {
      logMethod(args, method) {
        method.apply(
          this,
          args.map((a) => (typeof a === 'string' ? maskPhonesInText(a) : a)) as Parameters<typeof method>,
        );
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
