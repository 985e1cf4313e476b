/**
 * 申请材料: each material by its Chinese name and state; a provided one can be opened. The
 * link is asked for at the tap (pre-signed, minutes, each opening audited on the server):
 * images open in the image previewer, PDFs are downloaded and opened on weapp or opened in a
 * new tab on H5. Never shows an upload id or a file name.
 */
import { useState } from 'react';
import Taro from '@tarojs/taro';
import { View, Text } from '@tarojs/components';
import { messageOf } from '../../api/client';
import { openMaterial, type ApplicationDetail, type MaterialLink } from '../../api/applications';
import './index.scss';

async function show(link: MaterialLink): Promise<void> {
  if (link.kind === 'image') {
    await Taro.previewImage({ urls: [link.url], current: link.url });
    return;
  }
  if (process.env.TARO_ENV === 'weapp') {
    const file = await Taro.downloadFile({ url: link.url });
    await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: false });
    return;
  }
  window.open(link.url, '_blank', 'noopener');
}

export function MaterialList({ app }: { app: ApplicationDetail }) {
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function openOne(materialId: string) {
    if (busy) return;
    setBusy(materialId);
    setError(null);
    try {
      await show(await openMaterial(app.id, materialId));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  }

  return (
    <View className="materials" data-testid="materials">
      {app.materials.map((m) => (
        <View key={m.materialId} className="materials__row" data-testid="review-material">
          <View className="materials__text">
            <Text className="materials__name">{m.name}</Text>
            <Text className={`materials__state ${m.provided ? 'ok' : 'warn'}`}>
              {m.provided ? '已提交' : m.optional ? '容缺待补' : '未提交'}
            </Text>
          </View>
          {m.provided && (
            <View
              className="materials__open"
              role="button"
              aria-label={`查看${m.name}`}
              data-testid={`open-material-${m.materialId}`}
              onClick={() => void openOne(m.materialId)}
            >
              {busy === m.materialId
                ? '打开中…'
                : m.contentType?.startsWith('image/')
                  ? '预览'
                  : '查看'}
            </View>
          )}
        </View>
      ))}
      {error && (
        <View className="materials__error" role="alert">
          {error}
        </View>
      )}
    </View>
  );
}
