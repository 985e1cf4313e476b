/**
 * One Powertools logger for all functions. Our events carry ID-card numbers, phones and
 * bank accounts, so every string is masked as it is serialised (never `logEvent: true`).
 */
import { Logger } from '@aws-lambda-powertools/logger';
import { sensitiveReplacer } from '../../shared/mask';

export const logger = new Logger({
  serviceName: 'zhida',
  logLevel: (process.env.LOG_LEVEL as 'INFO' | undefined) ?? 'INFO',
  jsonReplacerFn: sensitiveReplacer,
});
