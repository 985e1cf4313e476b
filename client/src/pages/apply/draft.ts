/**
 * The apply form's draft in Taro storage, so an app killed mid-form (WeChat reclaims
 * background mini-programs freely) reopens where the person left it. The draft also holds
 * the Idempotency-Key: it is made once, when the draft is created, and reused by every
 * retry of the submit — a weak-network retry can never create a second application.
 */
import Taro from '@tarojs/taro';
import { newIdempotencyKey } from '../../api/client';
import type { AccountDraft } from '../../components/account-form';

export interface ApplyDraft {
  policyId: string;
  idempotencyKey: string;
  /** materialId → the upload holding it */
  materials: Partial<Record<string, { uploadId: string; fileName: string }>>;
  /** as typed, in yuan; '' = the amount the rules compute */
  requestedYuan: string;
  /** 承诺书 */
  pledged: boolean;
  /** 收款账户 as chosen or typed; absent until touched (then: the account on file if any) */
  account?: AccountDraft;
  savedAt: number;
}

export const draftKey = (userId: string, policyId: string) =>
  `zhida.draft.apply.${userId}.${policyId}`;

export function loadDraft(userId: string, policyId: string): ApplyDraft | undefined {
  try {
    const d = Taro.getStorageSync<ApplyDraft | ''>(draftKey(userId, policyId));
    if (
      d &&
      typeof d === 'object' &&
      d.policyId === policyId &&
      typeof d.idempotencyKey === 'string'
    )
      return d;
  } catch {
    /* storage unavailable: start fresh */
  }
  return undefined;
}

export function newDraft(policyId: string): ApplyDraft {
  return {
    policyId,
    idempotencyKey: newIdempotencyKey(),
    materials: {},
    requestedYuan: '',
    pledged: false,
    savedAt: Date.now(),
  };
}

export function saveDraft(userId: string, d: ApplyDraft): void {
  try {
    // The bank account number is not kept on the phone: a restored draft asks for it again.
    const account = d.account
      ? { ...d.account, accountNumber: '', accountNumberRepeat: '' }
      : undefined;
    Taro.setStorageSync(draftKey(userId, d.policyId), { ...d, account, savedAt: Date.now() });
  } catch {
    /* full storage: the form still works, only the autosave is lost */
  }
}

export function clearDraft(userId: string, policyId: string): void {
  try {
    Taro.removeStorageSync(draftKey(userId, policyId));
  } catch {
    /* nothing to clear */
  }
}
