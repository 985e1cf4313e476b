import { scheduled } from '../../_lib/schedule';
import { defaultSenderDeps, sweepNotices } from '../../services/notice-sender';

/** Every 5 minutes: pending notices whose retry is due, and any the stream did not deliver. */
export const handler = scheduled('notice-retry', (now) =>
  sweepNotices({ ...defaultSenderDeps(), now: () => now }),
);
