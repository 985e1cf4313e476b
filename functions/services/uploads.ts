/** Pre-signed uploads. The object key is built from the caller's subject, so a material can only cite its own subject's files. */
import { randomUUID } from 'node:crypto';
import type { ApplicantActor } from '../../shared/actor';
import type { SubjectId } from '../../shared/ids';
import type { CreateUploadBody, UploadTicket } from '../../shared/schemas/upload';
import { presignPut } from '../adapters/storage';

const EXPIRES_IN_SECONDS = 15 * 60;

export const uploadKeyOf = (subjectId: SubjectId, materialId: string, uploadId: string) =>
  `uploads/${subjectId}/${materialId}/${uploadId}`;

export async function createUpload(
  actor: ApplicantActor,
  body: CreateUploadBody,
  now: Date,
): Promise<UploadTicket> {
  const uploadId = `upl_${randomUUID().replace(/-/g, '')}`;
  const signed = await presignPut({
    key: uploadKeyOf(actor.subjectId, body.materialId, uploadId),
    contentType: body.contentType,
    sizeBytes: body.sizeBytes,
    sha256: body.sha256,
    expiresInSeconds: EXPIRES_IN_SECONDS,
  });
  return {
    uploadId,
    method: 'PUT',
    url: signed.url,
    headers: signed.headers,
    expiresAt: new Date(now.getTime() + EXPIRES_IN_SECONDS * 1000).toISOString(),
  };
}
