/** A horizontal bar from plain Views: on a phone it reads better than a table, and costs no chart library. */
import { View, Text } from '@tarojs/components';

export interface Segment {
  /** 0..1 of the track */
  share: number;
  tone?: 'paid' | 'reserved';
}

export function Bar({
  label,
  value,
  segments,
}: {
  label: string;
  value: string;
  segments: Segment[];
}) {
  const placed: { tone?: Segment['tone']; left: number; width: number }[] = [];
  let left = 0;
  for (const s of segments) {
    const width = Math.max(0, Math.min(1 - left, s.share));
    placed.push({ tone: s.tone, left, width });
    left += width;
  }
  return (
    <View className="bar" data-testid="bar">
      <View className="bar__label">
        <Text>{label}</Text>
        <Text>{value}</Text>
      </View>
      <View className="bar__track">
        {placed.map((s, i) => {
          const style = {
            left: `${(s.left * 100).toFixed(2)}%`,
            width: `${(s.width * 100).toFixed(2)}%`,
          };
          return (
            <View
              key={i}
              className={`bar__fill ${s.tone ? `bar__fill--${s.tone}` : ''}`}
              style={style}
            />
          );
        })}
      </View>
    </View>
  );
}

/** Basis points → "65.5%" (integer arithmetic, no float drift). */
export function formatBp(bp: number): string {
  const tenths = Math.round(bp / 10);
  return `${Math.floor(tenths / 10)}.${tenths % 10}%`;
}
