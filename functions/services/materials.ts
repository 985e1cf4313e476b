/**
 * Materials (issue 14). At submit and supplement every material must name a file storage
 * holds under the subject's own prefix (`uploads/<subject>/<material>/<upload>`), and storage
 * must have checked its bytes against a SHA-256 (the one signed into the pre-signed PUT at
 * POST /v1/uploads, with the declared size). Otherwise the request is refused before anything
 * is written: 422 MATERIAL_NOT_FOUND / MATERIAL_MISMATCH, naming the material in Chinese.
 * What storage confirmed (size, SHA-256, type) is kept with the material, so a later opening
 * can tell the file is still the one that was judged.
 */
import { actorRef, type Actor, type ApplicantActor } from '../../shared/actor';
import { instantOf } from '../../shared/calendar';
import { DomainError, notFound } from '../../shared/errors';
import type { ApplicationId, SubjectId } from '../../shared/ids';
import type { MaterialRef as DomainMaterialRef } from '../../shared/lifecycle/application';
import type { MaterialRef } from '../../shared/schemas/application';
import {
  MAX_UPLOAD_BYTES,
  type MaterialLink,
  type ReusableMaterial,
  type ReusableMaterialList,
} from '../../shared/schemas/upload';
import { uploadStore } from '../adapters/storage';
import { loadApplication } from '../repositories/applications';
import { recordMaterialOpening } from '../repositories/material-access';
import { requireVisible } from './applications';
import { applicationsOfSubject } from './policies';
import { uploadKeyOf } from './uploads';

type Person = Exclude<Actor, { kind: 'system' }>;

/** Chinese names of materials by code (a policy's list); unknown codes are shown as given. */
export type MaterialNameOf = (code: string) => string;

export const materialNamesOf =
  (list: readonly { readonly id?: string; readonly code?: string; readonly name: string }[]) =>
  (code: string): string =>
    list.find((m) => (m.id ?? m.code) === code)?.name ?? code;

/** Checks each material's file in storage (in parallel) and returns them as stored with the item. */
export async function verifiedMaterials(
  subjectId: SubjectId,
  refs: readonly MaterialRef[],
  nameOf: MaterialNameOf,
): Promise<DomainMaterialRef[]> {
  return Promise.all(
    refs.map(async (r) => {
      const uploadKey = uploadKeyOf(subjectId, r.materialId, r.uploadId);
      const stored = await uploadStore().head(uploadKey);
      const name = nameOf(r.materialId);
      const details = { materialId: r.materialId, uploadId: r.uploadId, name };
      if (!stored)
        throw new DomainError(
          'MATERIAL_NOT_FOUND',
          `材料「${name}」的文件未找到（未上传成功或已过期），请重新上传`,
          { reason: 'MATERIAL_NOT_FOUND', ...details },
        );
      if (
        stored.sha256 === undefined ||
        stored.sizeBytes <= 0 ||
        stored.sizeBytes > MAX_UPLOAD_BYTES ||
        (r.sha256 !== undefined && r.sha256 !== stored.sha256) ||
        (r.sizeBytes !== undefined && r.sizeBytes !== stored.sizeBytes)
      )
        throw new DomainError(
          'MATERIAL_MISMATCH',
          `材料「${name}」的文件与上传时声明的大小或校验值不符，请重新上传`,
          { reason: 'MATERIAL_MISMATCH', ...details },
        );
      return {
        code: r.materialId,
        uploadKey,
        sizeBytes: stored.sizeBytes,
        sha256: stored.sha256,
        ...(stored.contentType ? { contentType: stored.contentType } : {}),
      };
    }),
  );
}

const LINK_SECONDS = 5 * 60;

const kindOf = (contentType: string | undefined): MaterialLink['kind'] =>
  contentType?.startsWith('image/') ? 'image' : contentType === 'application/pdf' ? 'pdf' : 'other';

const EXTENSIONS: Record<MaterialLink['kind'], string> = { image: '', pdf: '.pdf', other: '' };

/**
 * GET /v1/applications/{id}/materials/{materialId}: a pre-signed GET valid for minutes, for
 * the applicant itself (another subject's → 404), reviewers of the application's department
 * (another department's → 403) and auditors (read-only, every department). Each opening is
 * recorded (who, when, which material) before the link is handed out. The file must still be
 * the one judged: storage's SHA-256 is compared with the one recorded at submit.
 */
export async function openApplicationMaterial(
  actor: Person,
  id: ApplicationId,
  materialId: string,
  now: Date,
): Promise<MaterialLink> {
  const { application } = await loadApplication(id);
  if (actor.kind !== 'auditor') requireVisible(actor, application);
  const material = application.materials.find((m) => m.code === materialId);
  const name = materialNamesOf(application.terms.materials)(materialId);
  if (!material) throw notFound(`材料「${name}」`);
  const stored = await uploadStore().head(material.uploadKey);
  if (!stored) throw notFound(`材料「${name}」的文件`);
  if (material.sha256 !== undefined && stored.sha256 !== material.sha256)
    throw new DomainError('MATERIAL_MISMATCH', `材料「${name}」的文件与提交时不一致`, {
      reason: 'MATERIAL_MISMATCH',
      materialId,
    });
  const contentType = material.contentType ?? stored.contentType;
  const kind = kindOf(contentType);
  const extension =
    kind === 'image' ? `.${(contentType ?? 'image/png').split('/')[1] ?? 'png'}` : EXTENSIONS[kind];
  const at = instantOf(now);
  await recordMaterialOpening({
    itemKind: 'application',
    itemId: application.id,
    materialId,
    ...(material.sha256 ? { sha256: material.sha256 } : {}),
    by: actorRef(actor),
    at,
  });
  const url = await uploadStore().presignGet(material.uploadKey, {
    expiresInSeconds: LINK_SECONDS,
    fileName: `${name}${extension}`,
  });
  return {
    materialId,
    name,
    ...(contentType ? { contentType } : {}),
    kind,
    url,
    expiresAt: new Date(now.getTime() + LINK_SECONDS * 1000).toISOString(),
  };
}

/**
 * GET /v1/me/materials: the files already verified in the subject's earlier applications,
 * the newest per material code (the storage key holds the code, so a file is reused for the
 * same material only).
 */
export async function reusableMaterials(actor: ApplicantActor): Promise<ReusableMaterialList> {
  const apps = await applicationsOfSubject(actor.subjectId);
  const newest = new Map<string, ReusableMaterial>();
  for (const app of apps) {
    const verifiedAt = app.submittedAt ?? app.createdAt;
    for (const m of app.materials) {
      if (m.sha256 === undefined || m.sizeBytes === undefined) continue;
      const uploadId = m.uploadKey.split('/').at(-1) ?? '';
      const seen = newest.get(m.code);
      if (seen && seen.verifiedAt >= verifiedAt) continue;
      newest.set(m.code, {
        materialId: m.code,
        name: materialNamesOf(app.terms.materials)(m.code),
        uploadId,
        sizeBytes: m.sizeBytes,
        sha256: m.sha256,
        ...(m.contentType ? { contentType: m.contentType } : {}),
        applicationId: app.id,
        verifiedAt,
      });
    }
  }
  return {
    items: [...newest.values()].sort((a, b) => (a.materialId < b.materialId ? -1 : 1)),
  };
}
