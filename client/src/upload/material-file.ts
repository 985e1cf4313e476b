/**
 * Picks one material file and uploads it: POST /v1/uploads for a pre-signed PUT (the
 * SHA-256 is signed in, so storage refuses altered bytes), then the PUT itself.
 * weapp picks from chat files (PDF or photo); H5 uses a plain file input.
 */
import Taro from '@tarojs/taro';
import { createUpload, putUpload } from '../api/applications';
import { ApiError } from '../api/client';
import { sha256Base64 } from './sha256';

export const MAX_BYTES = 20 * 1024 * 1024;
const TYPES: Partial<Record<string, 'application/pdf' | 'image/jpeg' | 'image/png'>> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

export interface PickedFile {
  name: string;
  bytes: ArrayBuffer;
}

export interface UploadedMaterial {
  materialId: string;
  uploadId: string;
  fileName: string;
}

export function contentTypeOf(name: string) {
  const ext = name.split('.').pop()?.toLowerCase() ?? '';
  return TYPES[ext];
}

function pickInBrowser(): Promise<PickedFile | undefined> {
  return new Promise((resolve, reject) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      if (!file) {
        resolve(undefined);
        return;
      }
      file.arrayBuffer().then((bytes) => resolve({ name: file.name, bytes }), reject);
    };
    document.body.appendChild(input);
    input.click();
  });
}

async function pickInWeapp(): Promise<PickedFile | undefined> {
  const chosen = await Taro.chooseMessageFile({
    count: 1,
    type: 'file',
    extension: ['pdf', 'jpg', 'jpeg', 'png'],
  });
  const file = chosen.tempFiles[0] as (typeof chosen.tempFiles)[number] | undefined;
  if (!file) return undefined;
  const bytes = await new Promise<ArrayBuffer>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: file.path,
      success: (r) => resolve(r.data as ArrayBuffer),
      fail: reject,
    }),
  );
  return { name: file.name, bytes };
}

/** undefined when the person cancelled. */
export async function pickFile(): Promise<PickedFile | undefined> {
  try {
    return process.env.TARO_ENV === 'weapp' ? await pickInWeapp() : await pickInBrowser();
  } catch {
    return undefined; // cancelling the weapp picker rejects
  }
}

export async function uploadMaterial(
  materialId: string,
  file: PickedFile,
): Promise<UploadedMaterial> {
  const contentType = contentTypeOf(file.name);
  if (!contentType) throw new ApiError(400, 'INVALID_FILE', '请上传 PDF、JPG 或 PNG 文件');
  if (file.bytes.byteLength === 0)
    throw new ApiError(400, 'INVALID_FILE', '文件是空的，请重新选择');
  if (file.bytes.byteLength > MAX_BYTES)
    throw new ApiError(400, 'INVALID_FILE', '文件不能超过 20 MB');
  const ticket = await createUpload({
    materialId,
    fileName: file.name.slice(-200),
    contentType,
    sizeBytes: file.bytes.byteLength,
    sha256: sha256Base64(new Uint8Array(file.bytes)),
  });
  await putUpload(ticket, file.bytes);
  return { materialId, uploadId: ticket.uploadId, fileName: file.name };
}
