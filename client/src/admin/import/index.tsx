/**
 * 数据导入: a feed file, uploaded and imported row by row (./feed-file.tsx, issue #16), or, for
 * a few rows, the paste box: a government feed (JSON lines or CSV). Rows are checked here with the
 * same parser the server uses, so bad lines show before anything is sent; the server's
 * verdict shows after. A feed is all or nothing: one bad row (or a repeated one) and the
 * server refuses the whole feed, listing the rows in the error's details.
 */
import { useMemo, useRef, useState } from 'react';
import { View, Text, Textarea } from '@tarojs/components';
import { Button, Input } from '@nutui/nutui-react-taro';
import { CSV_HEADER, parseFeed } from '@shared/schemas/facts-import';
import { importFacts, type FeedFormat, type ImportResult, type RejectedRow } from '../../api/admin';
import { isApiError, messageOf, newIdempotencyKey } from '../../api/client';
import { FeedFileImport } from './feed-file';
import '../admin.scss';

/** The rows of a refused feed (400 INVALID_INPUT, details.reason feed_rejected). */
function rejectedRowsOf(e: unknown): RejectedRow[] | undefined {
  if (!isApiError(e)) return undefined;
  const details = e.details as { reason?: unknown; rejected?: unknown } | undefined;
  return details?.reason === 'feed_rejected' && Array.isArray(details.rejected)
    ? (details.rejected as RejectedRow[])
    : undefined;
}

function Rejected({ rows }: { rows: RejectedRow[] }) {
  return (
    <View data-testid="rejected">
      {rows.map((r) => (
        <View key={r.line} className="rejected-row">
          <Text className="rejected-row__line">第 {r.line} 行：</Text>
          <Text>{r.reasons.join('；')}</Text>
        </View>
      ))}
    </View>
  );
}

export default function AdminImportPage() {
  const [format, setFormat] = useState<FeedFormat>('jsonl');
  const [feed, setFeed] = useState('');
  const [content, setContent] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [refused, setRefused] = useState<RejectedRow[] | null>(null);
  const key = useRef({ content: '', key: newIdempotencyKey() });
  const precheck = useMemo(
    () => (content.trim() ? parseFeed(format, content) : undefined),
    [format, content],
  );

  async function send() {
    if (!content.trim()) {
      setError('请粘贴要导入的数据');
      return;
    }
    setBusy(true);
    setError(null);
    setRefused(null);
    setResult(null);
    // Same content → same key: resending after a timeout imports once.
    const identity = `${format}\n${feed}\n${content}`;
    if (key.current.content !== identity)
      key.current = { content: identity, key: newIdempotencyKey() };
    try {
      setResult(
        await importFacts(
          { format, content, ...(feed.trim() ? { feed: feed.trim() } : {}) },
          key.current.key,
        ),
      );
    } catch (e) {
      setError(messageOf(e));
      setRefused(rejectedRowsOf(e) ?? null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="page">
      <Text className="page-title">数据导入</Text>
      <FeedFileImport />
      <View className="card">
        <Text className="card__title">粘贴少量数据</Text>
        <View className="segmented">
          {(['jsonl', 'csv'] as const).map((f) => (
            <Text
              key={f}
              className={`segmented__item ${format === f ? 'segmented__item--on' : ''}`}
              onClick={() => setFormat(f)}
            >
              {f === 'jsonl' ? 'JSON Lines' : 'CSV'}
            </Text>
          ))}
        </View>
        <Text className="card__line muted">
          {format === 'csv'
            ? `表头：${CSV_HEADER}（values 为 JSON，放在引号内）`
            : '每行一条事实：{"subjectId","source","period":{"from","to"},"values"}'}
        </Text>
        <View className="form-field">
          <Text className="form-field__label">数据批次名称（可选）</Text>
          <Input
            className="form-field__input"
            placeholder="例如 人社局社保 2020-12"
            value={feed}
            onChange={(v: string) => setFeed(v)}
          />
        </View>
        <View className="form-field">
          <Textarea
            className="admin-textarea"
            value={content}
            maxlength={60000}
            placeholder="在此粘贴数据"
            onInput={(e) => setContent(e.detail.value)}
          />
        </View>
        {precheck && (
          <Text className="card__line" data-testid="precheck">
            预检：共 {precheck.rows} 行，有问题 {precheck.rejected.length} 行
            {precheck.rejected.length > 0 ? '（整批不会导入，请先修正）' : '，可以导入'}
          </Text>
        )}
        {precheck && precheck.rejected.length > 0 && !result && !refused && (
          <Rejected rows={precheck.rejected} />
        )}
        {error && (
          <View className="form-error" role="alert">
            {error}
          </View>
        )}
        {refused && refused.length > 0 && <Rejected rows={refused} />}
        <View className="form-field">
          <Button type="primary" size="xlarge" block loading={busy} onClick={() => void send()}>
            导入
          </Button>
        </View>
      </View>
      {result && (
        <View className="card" data-testid="import-result">
          <Text className="card__title">导入结果{result.feed ? `：${result.feed}` : ''}</Text>
          <Text className="card__line">
            共 {result.rows} 行，导入 {result.accepted} 行（{result.subjects} 个主体），拒绝{' '}
            {result.rejected.length} 行
          </Text>
          {result.rejected.length > 0 && <Rejected rows={result.rejected} />}
        </View>
      )}
    </View>
  );
}
