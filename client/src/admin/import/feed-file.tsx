/**
 * 文件导入 (issues #16, #17): pick a feed file (CSV or JSON lines, ≤ 1 GB, .gz accepted), upload
 * it with a progress bar, then follow the import job (polled every 2 s): rows read, accepted,
 * rejected, merged, rows per second. The rejected rows download as a CSV (行号, 原因, 原始内容).
 */
import { useEffect, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import Taro from '@tarojs/taro';
import { FEED_JOB_STATUS_LABELS, MAX_FEED_BYTES } from '@shared/schemas/feeds';
import {
  createFeedImport,
  getFeedImport,
  getFeedRejected,
  startFeedImport,
  type FeedJobView,
} from '../../api/admin';
import { messageOf } from '../../api/client';
import { pickFeedFile, putFeedFile, type PickedFeed } from '../../upload/feed-file';
import { Bar } from '../bar';

const POLL_MS = 2000;

const sizeText = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;

const ACCEPTED = /\.(csv|jsonl|ndjson|json)(\.gz)?$/i;

function saveCsv(fileName: string, csv: string): void {
  if (process.env.TARO_ENV === 'h5') {
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    URL.revokeObjectURL(url);
    return;
  }
  // weapp: written to the user's data folder, then opened; the menu there shares or saves it
  const path = `${Taro.env.USER_DATA_PATH ?? ''}/${fileName}`;
  Taro.getFileSystemManager().writeFileSync(path, csv, 'utf8');
  void Taro.openDocument({ filePath: path, showMenu: true }).catch(() => undefined);
}

export function FeedFileImport() {
  const [picked, setPicked] = useState<PickedFeed | null>(null);
  const [label, setLabel] = useState('');
  const [phase, setPhase] = useState<'idle' | 'uploading' | 'importing'>('idle');
  const [share, setShare] = useState(0);
  const [job, setJob] = useState<FeedJobView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  function poll(id: string) {
    timer.current = setTimeout(() => {
      getFeedImport(id).then(
        (j) => {
          setJob(j);
          if (j.status === 'running' || j.status === 'awaiting_upload') poll(id);
          else setPhase('idle');
        },
        () => poll(id), // a failed poll is retried; the job goes on regardless
      );
    }, POLL_MS);
  }

  async function choose() {
    setError(null);
    const file = await pickFeedFile();
    if (!file) return;
    if (!ACCEPTED.test(file.name)) {
      setError('请选择 .csv 或 .jsonl 文件（可为 .gz 压缩）');
      return;
    }
    if (file.size === 0) {
      setError('文件是空的，请重新选择');
      return;
    }
    if (file.size > MAX_FEED_BYTES) {
      setError('文件不能超过 1 GB');
      return;
    }
    setPicked(file);
    setJob(null);
  }

  async function upload() {
    if (!picked) return;
    setError(null);
    setShare(0);
    setPhase('uploading');
    try {
      const created = await createFeedImport({
        fileName: picked.name.slice(-200),
        sizeBytes: picked.size,
        ...(label.trim() ? { feed: label.trim() } : {}),
      });
      setJob(created.job);
      await putFeedFile(picked, created.upload, setShare);
      setShare(1);
      setPhase('importing');
      setJob(await startFeedImport(created.job.id));
      poll(created.job.id);
    } catch (e) {
      setError(messageOf(e));
      setPhase('idle');
    }
  }

  async function download() {
    if (!job) return;
    try {
      const file = await getFeedRejected(job.id);
      saveCsv(file.fileName, file.csv);
    } catch (e) {
      setError(messageOf(e));
    }
  }

  const counts = job?.counts;
  return (
    <View className="card" data-testid="feed-file">
      <Text className="card__title">文件导入（大批量）</Text>
      <Text className="card__line muted">
        CSV 或 JSON Lines 文件，最大 1 GB，可为 .gz
        压缩。逐行校验，不合格的行单独列出，其余照常导入；同一主体、来源和期间开始日期重复的行以后出现的为准。
      </Text>
      <View className="form-field">
        <Button size="large" block disabled={phase !== 'idle'} onClick={() => void choose()}>
          {picked ? '重新选择文件' : '选择文件'}
        </Button>
      </View>
      {picked && (
        <Text className="card__line" data-testid="picked">
          已选择：{picked.name}（{sizeText(picked.size)}）
        </Text>
      )}
      {picked && (
        <View className="form-field">
          <Text className="form-field__label">数据批次名称（可选）</Text>
          <Input
            className="form-field__input"
            placeholder="例如 人社局社保 2020-12"
            value={label}
            onChange={(v: string) => setLabel(v)}
          />
        </View>
      )}
      {picked && (
        <View className="form-field">
          <Button
            type="primary"
            size="xlarge"
            block
            loading={phase !== 'idle'}
            disabled={phase !== 'idle'}
            onClick={() => void upload()}
          >
            上传并导入
          </Button>
        </View>
      )}
      {phase === 'uploading' && (
        <View
          role="progressbar"
          aria-valuenow={Math.round(share * 100)}
          data-testid="upload-progress"
        >
          <Bar
            label="上传进度"
            value={`${String(Math.round(share * 100))}%`}
            segments={[{ share }]}
          />
        </View>
      )}
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      {job && counts && job.status !== 'awaiting_upload' && (
        <View data-testid="feed-job">
          <Text className="card__line">
            导入状态：{FEED_JOB_STATUS_LABELS[job.status]}
            {job.feed ? `（${job.feed}）` : ''}
          </Text>
          <Text className="card__line">
            已读 {counts.rowsRead} 行，通过 {counts.accepted} 行，未通过 {counts.rejected}{' '}
            行，重复合并 {counts.merged} 行
          </Text>
          {job.status === 'running' && !/\.gz$/i.test(job.fileName) && (
            <Bar
              label="已读取"
              value={`${String(Math.round((Math.min(job.bytesRead, job.sizeBytes) / job.sizeBytes) * 100))}%`}
              segments={[{ share: Math.min(1, job.bytesRead / Math.max(1, job.sizeBytes)) }]}
            />
          )}
          {job.rowsPerSecond > 0 && (
            <Text className="card__line muted">速度：每秒 {job.rowsPerSecond} 行</Text>
          )}
          {job.status === 'failed' && (
            <Text className="card__line form-error">
              {job.error ?? '导入中断'}
              （已导入的行不会重复计算）
            </Text>
          )}
          {job.status === 'failed' && (
            <View className="form-field">
              <Button
                size="large"
                block
                onClick={() =>
                  void startFeedImport(job.id).then(
                    (j) => {
                      setJob(j);
                      poll(j.id);
                    },
                    (e: unknown) => setError(messageOf(e)),
                  )
                }
              >
                从断点继续导入
              </Button>
            </View>
          )}
          {counts.rejected > 0 && job.status !== 'running' && (
            <View className="form-field">
              <Button size="large" block onClick={() => void download()}>
                下载未通过的行（CSV，含行号和原因）
              </Button>
            </View>
          )}
        </View>
      )}
    </View>
  );
}
