/** Public 公示 (issue 14), typed and parsed by shared/schemas/publicity: no login needed. */
import {
  PublicityPage,
  PublicObjectionOutcome,
  PublicObjectionReceipt,
  type PublicityKind,
} from '@shared/schemas/publicity';
import { call, withQuery } from './client';

export type {
  PublicityEntry,
  PublicityKind,
  PublicityPage,
  PublicObjectionOutcome,
  PublicObjectionReceipt,
} from '@shared/schemas/publicity';

/** GET /v1/publicity — items in 公示, per policy and department. */
export const listPublicity = (q: { policyId?: string; department?: string; cursor?: string }) =>
  call('GET', withQuery('/v1/publicity', q), PublicityPage);

/** POST /v1/publicity/{kind}/{id}/objections — anyone, with a phone and a reason. */
export const objectPublicly = (
  kind: PublicityKind,
  id: string,
  body: { phone: string; text: string },
  idempotencyKey?: string,
) =>
  call(
    'POST',
    `/v1/publicity/${kind}/${encodeURIComponent(id)}/objections`,
    PublicObjectionReceipt,
    body,
    idempotencyKey,
  );

/** GET /v1/publicity/objections/{objectionId}?code= — the objector's own objection and outcome. */
export const publicObjectionOutcome = (objectionId: string, code: string) =>
  call(
    'GET',
    withQuery(`/v1/publicity/objections/${encodeURIComponent(objectionId)}`, { code }),
    PublicObjectionOutcome,
  );
