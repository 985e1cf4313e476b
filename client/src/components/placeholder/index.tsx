/** A page that exists (so routes and packages are real) but is not built yet. */
import { View, Text } from '@tarojs/components'

export function Placeholder({ title, note }: { title: string; note: string }) {
  return (
    <View className="page">
      <Text className="page-title">{title}</Text>
      <Text className="muted">{note}</Text>
    </View>
  )
}
