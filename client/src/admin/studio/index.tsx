/**
 * 政策工坊 (issue #11): every version of every policy with its status — 草稿, 待审核, 已发布,
 * 已停止 — newest first within a policy; a version opens in the editor (a draft to edit, the
 * others to review, publish, retire or try in the 沙盘). 新建政策 opens a blank form; the whole
 * catalogue can be exported as JSON.
 */
import { useState } from 'react';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { View, Text, Textarea } from '@tarojs/components';
import { Button, Tag } from '@nutui/nutui-react-taro';
import { messageOf } from '../../api/client';
import { exportCatalogue, listVersions, type VersionSummary } from '../../api/studio';
import { RemoteState } from '../../components/remote-state';
import { formatDate } from '../../format';
import { useRemote } from '../../hooks/useRemote';
import { useReloadOnShow } from '../../hooks/useReloadOnShow';
import { POLICY_MODE_LABEL } from '../../labels';
import { routes } from '../../routes';
import '../admin.scss';
import './studio.scss';

const TAG: Record<string, 'primary' | 'success' | 'warning' | 'default'> = {
  draft: 'default',
  in_review: 'warning',
  published: 'success',
  retired: 'default',
};

/** Policies in the list's order, each with its versions newest first. */
export function groupByPolicy(items: readonly VersionSummary[]) {
  const byId = new Map<string, VersionSummary[]>();
  for (const v of items) byId.set(v.id, [...(byId.get(v.id) ?? []), v]);
  return [...byId.values()].map((vs) => [...vs].sort((a, b) => b.version - a.version));
}

function VersionRow({ v }: { v: VersionSummary }) {
  return (
    <View
      className="studio-version"
      data-testid="studio-version"
      data-policy={v.id}
      data-version={v.version}
      onClick={() => void Taro.navigateTo({ url: routes.adminStudioEditor(v.id, v.version) })}
    >
      <Text className="studio-version__no">第{v.version}版</Text>
      <Tag type={TAG[v.status] ?? 'default'}>{v.statusLabel}</Tag>
      <Text className="studio-version__window">
        {formatDate(v.effectiveFrom)} 至 {formatDate(v.effectiveTo)}
      </Text>
    </View>
  );
}

export default function StudioPage() {
  const { remote, reload } = useRemote(listVersions);
  const [exported, setExported] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useReloadOnShow(reload);
  usePullDownRefresh(() => {
    void reload().finally(() => {
      Taro.stopPullDownRefresh();
    });
  });

  async function doExport() {
    setError(null);
    try {
      setExported(JSON.stringify(await exportCatalogue(), null, 2));
    } catch (e) {
      setError(messageOf(e));
    }
  }

  return (
    <View className="page">
      <Text className="page-title">政策工坊</Text>
      <View className="op-form__actions">
        <Button
          type="primary"
          data-testid="studio-new"
          onClick={() => void Taro.navigateTo({ url: routes.adminStudioEditor() })}
        >
          新建政策
        </Button>
        <Button onClick={() => void doExport()}>导出 JSON</Button>
      </View>
      <View className="op-form__actions">
        <Button
          data-testid="studio-parameters"
          onClick={() => void Taro.navigateTo({ url: routes.adminParameters })}
        >
          政策参数（金额、标准按日期调整）
        </Button>
      </View>
      {error ? <Text className="op-notice op-notice--error">{error}</Text> : null}
      {exported ? (
        <View className="op-form">
          <Text className="op-form__title">政策目录（JSON，可复制保存）</Text>
          <Textarea className="admin-textarea" value={exported} maxlength={-1} />
          <Button onClick={() => void Taro.setClipboardData({ data: exported })}>复制</Button>
        </View>
      ) : null}
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(d) => d.items.length === 0}
        emptyTitle="暂无政策"
      >
        {(d) => (
          <View>
            {groupByPolicy(d.items).map((versions) => {
              // every group has at least one version
              const head = versions[0];
              return (
                <View className="card" key={head.id} data-testid="studio-policy">
                  <View className="card__head">
                    <Text className="card__title">{head.title}</Text>
                    <Text className="muted">
                      {(POLICY_MODE_LABEL as Readonly<Record<string, string>>)[head.mode] ??
                        head.mode}
                    </Text>
                  </View>
                  {versions.map((v) => (
                    <VersionRow key={v.version} v={v} />
                  ))}
                </View>
              );
            })}
          </View>
        )}
      </RemoteState>
    </View>
  );
}
