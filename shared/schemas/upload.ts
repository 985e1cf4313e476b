/** POST /v1/uploads: a pre-signed PUT for one material file; the bytes never pass through Lambda. */
import { z } from 'zod';
import { ApplicationId } from './common';

export const UploadId = z.string().regex(/^upl_[0-9a-f]{32}$/, '上传编号无效');
export type UploadId = z.infer<typeof UploadId>;

export const MaterialCode = z.string().regex(/^[a-z][a-z0-9_]{0,63}$/, '材料编号无效');

export const UPLOAD_CONTENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png'] as const;
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/**
 * base64 of a SHA-256 digest: 32 bytes are exactly 43 characters and one `=`, so the pattern
 * alone proves the length (and the schema runs in the mini-app too, where there is no Buffer).
 */
export const Sha256Base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/, '文件校验值（SHA-256，base64）格式不正确');

export const CreateUploadBody = z
  .object({
    materialId: MaterialCode,
    fileName: z.string().trim().min(1).max(200),
    contentType: z.enum(UPLOAD_CONTENT_TYPES),
    sizeBytes: z.number().int().min(1).max(MAX_UPLOAD_BYTES, '文件不能超过 20 MB'),
    /** S3 checks the uploaded bytes against it (x-amz-checksum-sha256 is signed into the URL). */
    sha256: Sha256Base64,
  })
  .strict();
export type CreateUploadBody = z.input<typeof CreateUploadBody>;

export const UploadTicket = z.object({
  uploadId: UploadId,
  method: z.literal('PUT'),
  url: z.string(),
  /** Send exactly these headers with the PUT. */
  headers: z.record(z.string(), z.string()),
  expiresAt: z.string(),
});
export type UploadTicket = z.infer<typeof UploadTicket>;

/** GET /v1/applications/{id}/materials/{materialId}: path. */
export const ApplicationMaterialPath = z.object({ id: ApplicationId, materialId: MaterialCode });

/**
 * A short-lived link to open one material (pre-signed GET, minutes). Named by the material's
 * Chinese name; the storage key and upload id are not shown.
 */
export const MaterialLink = z.object({
  materialId: z.string(),
  name: z.string(),
  contentType: z.string().optional(),
  /** image → preview; PDF → download and open (weapp) or a new tab (H5) */
  kind: z.enum(['image', 'pdf', 'other']),
  url: z.string(),
  expiresAt: z.string(),
});
export type MaterialLink = z.infer<typeof MaterialLink>;

/**
 * GET /v1/me/materials: files of the subject's earlier applications that storage verified
 * (SHA-256 checked at submit), newest per material; the apply page offers them instead of a
 * new upload (营业执照, 身份证…). Submitting one is checked again like any upload.
 */
export const ReusableMaterial = z.object({
  materialId: z.string(),
  name: z.string(),
  uploadId: UploadId,
  sizeBytes: z.number().int(),
  sha256: z.string(),
  contentType: z.string().optional(),
  /** where it was verified */
  applicationId: z.string(),
  verifiedAt: z.string(),
});
export type ReusableMaterial = z.infer<typeof ReusableMaterial>;
export const ReusableMaterialList = z.object({ items: z.array(ReusableMaterial) });
export type ReusableMaterialList = z.infer<typeof ReusableMaterialList>;
