/**
 * A feed file (CSV or JSON lines, up to 1 GB, gzip accepted) from the admin's phone or browser
 * straight to object storage with the pre-signed PUT of POST /v1/admin/feeds (issue #16).
 * H5: an <input type=file>, and the File itself is PUT by XMLHttpRequest (never read into
 * memory), whose upload progress drives the page's bar. weapp: a chat file from
 * Taro.chooseMessageFile, read and PUT with Taro.request (the mini-program reports no upload
 * progress, so the bar shows the phases; files there are bounded by the phone's memory).
 */
import Taro from '@tarojs/taro';
import { ApiError, NETWORK_MESSAGE, putBytes } from '../api/client';

export const FEED_EXTENSIONS = ['csv', 'jsonl', 'ndjson', 'json', 'gz'];

export interface PickedFeed {
  name: string;
  size: number;
  /** H5 */
  file?: Blob;
  /** weapp */
  path?: string;
}

function pickInBrowser(): Promise<PickedFeed | undefined> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = '.csv,.jsonl,.ndjson,.json,.gz,text/csv,application/gzip';
    input.style.display = 'none';
    input.onchange = () => {
      const file = input.files?.[0];
      input.remove();
      resolve(file ? { name: file.name, size: file.size, file } : undefined);
    };
    document.body.appendChild(input);
    input.click();
  });
}

async function pickInWeapp(): Promise<PickedFeed | undefined> {
  const chosen = await Taro.chooseMessageFile({
    count: 1,
    type: 'file',
    extension: FEED_EXTENSIONS,
  });
  const file = chosen.tempFiles[0] as (typeof chosen.tempFiles)[number] | undefined;
  return file ? { name: file.name, size: file.size, path: file.path } : undefined;
}

/** undefined when the admin cancelled. */
export async function pickFeedFile(): Promise<PickedFeed | undefined> {
  try {
    return process.env.TARO_ENV === 'weapp' ? await pickInWeapp() : await pickInBrowser();
  } catch {
    return undefined; // cancelling the weapp picker rejects
  }
}

function putInBrowser(
  url: string,
  headers: Record<string, string>,
  file: Blob,
  onProgress: (share: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', url);
    // the browser sets Content-Length itself and refuses a script that names it
    for (const [k, v] of Object.entries(headers))
      if (k.toLowerCase() !== 'content-length') xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new ApiError(xhr.status, 'UPLOAD_FAILED', '文件上传失败，请重试'));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', NETWORK_MESSAGE));
    xhr.send(file);
  });
}

export async function putFeedFile(
  picked: PickedFeed,
  upload: { url: string; headers: Record<string, string> },
  onProgress: (share: number) => void,
): Promise<void> {
  if (picked.file) {
    await putInBrowser(upload.url, upload.headers, picked.file, onProgress);
    return;
  }
  const path = picked.path;
  if (!path) throw new ApiError(400, 'INVALID_FILE', '请重新选择文件');
  const bytes = await new Promise<ArrayBuffer>((resolve, reject) =>
    Taro.getFileSystemManager().readFile({
      filePath: path,
      success: (r) => resolve(r.data as ArrayBuffer),
      fail: reject,
    }),
  );
  await putBytes(upload.url, upload.headers, bytes);
  onProgress(1);
}
