/**
 * The binding ticket a NOT_BOUND WeChat login answers (30 minutes). It is a bearer secret,
 * so it travels from the login page to the binding page in storage, never in a URL.
 */
import Taro from '@tarojs/taro';
import { NotBoundDetails } from '@shared/schemas/identity';
import { isApiError } from '../../api/client';

const KEY = 'zhida.bindingTicket';

export interface StoredTicket {
  ticket: string;
  expiresAt: string;
}

/** The ticket of a 403 NOT_BOUND login, or undefined for any other error. */
export function notBoundTicket(e: unknown): StoredTicket | undefined {
  if (!isApiError(e) || e.status !== 403) return undefined;
  const parsed = NotBoundDetails.safeParse(e.details);
  return parsed.success
    ? { ticket: parsed.data.bindingTicket, expiresAt: parsed.data.bindingTicketExpiresAt }
    : undefined;
}

export function saveTicket(t: StoredTicket): void {
  Taro.setStorageSync(KEY, t);
}

/** The stored ticket while it is still valid (`nowMs` from the caller). */
export function loadTicket(nowMs: number): StoredTicket | undefined {
  try {
    const t = Taro.getStorageSync<StoredTicket | '' | undefined>(KEY);
    if (!t || typeof t !== 'object' || typeof t.ticket !== 'string') return undefined;
    return Date.parse(t.expiresAt) > nowMs ? t : undefined;
  } catch {
    return undefined;
  }
}

export function clearTicket(): void {
  Taro.removeStorageSync(KEY);
}

const CODE_KEY = 'zhida.pendingCode';

/** An invite code that arrived in a link (`/pages/bind/index?code=…`), kept across the login that gets the ticket. */
export function savePendingCode(code: string): void {
  Taro.setStorageSync(CODE_KEY, code);
}

export function loadPendingCode(): string | undefined {
  try {
    const c = Taro.getStorageSync<unknown>(CODE_KEY);
    return typeof c === 'string' && c ? c : undefined;
  } catch {
    return undefined;
  }
}

export function clearPendingCode(): void {
  Taro.removeStorageSync(CODE_KEY);
}
