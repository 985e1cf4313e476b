/**
 * 待审件: the reviewer's own department, oldest first, each with its SLA
 * countdown in working days (computed by the server's calendar).
 */
import { useState } from 'react'
import Taro, { usePullDownRefresh } from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
import { Button, Tabs } from '@nutui/nutui-react-taro'
import { formatFen } from '@shared/money'
import type { ApplicationStatus } from '../../api/applications'
import { messageOf } from '../../api/client'
import { getReviewQueue, type QueueItem } from '../../api/review'
import { RemoteState } from '../../components/remote-state'
import { formatDate, slaCountdown } from '../../format'
import { useReloadOnShow } from '../../hooks/useReloadOnShow'
import { useRemote } from '../../hooks/useRemote'
import { APPLICATION_STATUS_LABEL } from '../../labels'
import { go } from '../../navigation'
import { routes } from '../../routes'
import './index.scss'

const FILTERS: { key: string; title: string; status?: ApplicationStatus }[] = [
  { key: 'all', title: '全部' },
  { key: 'review_l1', title: '初审', status: 'review_l1' },
  { key: 'review_l2', title: '复审', status: 'review_l2' },
]

function QueueRow({ item }: { item: QueueItem }) {
  const sla = slaCountdown(item.slaWorkingDaysLeft)
  return (
    <View className="queue-row" data-testid="queue-row" onClick={() => go(routes.reviewDetail(item.applicationId))}>
      <View className="queue-row__head">
        <Text className="queue-row__title">{item.policyTitle}</Text>
        <Text className={`sla sla--${sla.tone}`}>{sla.text}</Text>
      </View>
      <Text className="queue-row__line">申请人：{item.applicantName}</Text>
      <Text className="queue-row__line">
        {APPLICATION_STATUS_LABEL[item.status]} · 提交于 {formatDate(item.submittedAt)}
        {item.slaDueOn ? ` · 截止 ${formatDate(item.slaDueOn)}` : ''}
      </Text>
      {item.requestedFen !== undefined && (
        <Text className="queue-row__line">
          申请金额 <Text className="money">{formatFen(item.requestedFen)}</Text>
        </Text>
      )}
    </View>
  )
}

export default function ReviewQueuePage() {
  const [filter, setFilter] = useState('all')
  const [more, setMore] = useState<{ items: QueueItem[]; cursor?: string; loading: boolean; error?: string }>({
    items: [],
    loading: false,
  })
  const status = FILTERS.find((f) => f.key === filter)?.status
  const { remote, reload } = useRemote(async () => {
    const page = await getReviewQueue({ status })
    setMore({ items: [], cursor: page.nextCursor, loading: false })
    return page
  }, [status])
  useReloadOnShow(reload)
  usePullDownRefresh(() => {
    void reload().finally(() => Taro.stopPullDownRefresh())
  })

  async function loadMore() {
    if (!more.cursor || more.loading) return
    setMore((m) => ({ ...m, loading: true, error: undefined }))
    try {
      const page = await getReviewQueue({ status, cursor: more.cursor })
      setMore((m) => ({ items: [...m.items, ...page.items], cursor: page.nextCursor, loading: false }))
    } catch (e) {
      setMore((m) => ({ ...m, loading: false, error: messageOf(e) }))
    }
  }

  return (
    <View className="page queue">
      <Tabs value={filter} onChange={(v) => setFilter(String(v))}>
        {FILTERS.map((f) => (
          <Tabs.TabPane key={f.key} value={f.key} title={f.title} />
        ))}
      </Tabs>
      <RemoteState
        remote={remote}
        onRetry={() => void reload()}
        isEmpty={(p) => p.items.length === 0}
        emptyTitle="暂无待审件"
        emptyDescription="新的申请提交后会按时间先后出现在这里"
      >
        {(page) => (
          <View>
            {[...page.items, ...more.items].map((item) => (
              <QueueRow key={item.applicationId} item={item} />
            ))}
            {more.error && <Text className="muted">{more.error}</Text>}
            {more.cursor && (
              <Button block size="large" loading={more.loading} onClick={() => void loadMore()}>
                加载更多
              </Button>
            )}
          </View>
        )}
      </RemoteState>
    </View>
  )
}
