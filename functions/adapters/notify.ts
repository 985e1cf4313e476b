/**
 * WeChat subscription messages (订阅消息) for applicants. Transitions never call this:
 * they write an outbox record in their own transaction (functions/repositories/outbox.ts);
 * a sender drains the outbox through this interface. Production sends through
 * `subscribeMessage.send`; this build only records (no sender is deployed yet).
 */
import type { OutboxRecord } from '../repositories/outbox';

export interface SubscriptionMessenger {
  /** Sends one notice; resolves when WeChat accepted it. Must be safe to call twice for a record. */
  send(record: OutboxRecord): Promise<void>;
}

/** Keeps what would have been sent, for local runs and tests. */
export function recordingMessenger(): SubscriptionMessenger & { sent: OutboxRecord[] } {
  const sent: OutboxRecord[] = [];
  return {
    sent,
    async send(record) {
      if (!sent.some((r) => r.id === record.id)) sent.push(record);
    },
  };
}
