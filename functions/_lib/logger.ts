/**
 * One Powertools logger for all functions. Our events carry ID-card numbers and bank
 * accounts, so every value is passed through maskSensitive before it is written
 * (never `logEvent: true`).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { maskSensitive } from '../../shared/mask';

export const logger = new Logger({
  serviceName: 'zhida',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  jsonReplacerFn: (_key: string, value: unknown) => (typeof value === 'string' ? maskSensitive(value) : value),
});
