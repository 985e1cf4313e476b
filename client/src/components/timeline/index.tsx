/** Every step an application took, oldest first, as the server's audit events describe it. */
import { View, Text } from '@tarojs/components';
import type { TimelineEntry } from '../../api/applications';
import { formatDateTime } from '../../format';
import { ACTOR_KIND_LABEL } from '../../labels';
import './index.scss';

export function Timeline({ entries }: { entries: TimelineEntry[] }) {
  return (
    <View className="timeline" data-testid="timeline">
      {entries.map((e, i) => (
        <View
          key={`${e.at}-${i}`}
          className={`timeline__step ${i === entries.length - 1 ? 'timeline__step--last' : ''}`}
          data-testid="timeline-step"
        >
          <View className="timeline__dot" />
          <View className="timeline__body">
            <Text className="timeline__text">{e.text}</Text>
            <Text className="timeline__meta">
              {formatDateTime(e.at)} · {e.byName ?? ACTOR_KIND_LABEL[e.by]}
            </Text>
          </View>
        </View>
      ))}
    </View>
  );
}
