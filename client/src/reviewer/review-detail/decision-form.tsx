/**
 * 审核决定: approve (amount within the policy's cap), reject (reason required) or return
 * for 补正 (what to fix). Checked with the shared DecisionBody before sending; the
 * Idempotency-Key belongs to the application version being decided, so a retried tap is
 * one decision and a decision on a newer version is a new intent.
 */
import { useRef, useState } from 'react'
import { View, Text, Textarea } from '@tarojs/components'
import { Button, Input } from '@nutui/nutui-react-taro'
import { DecisionBody } from '@shared/schemas/review'
import { formatFen, type Fen } from '@shared/money'
import type { ApplicationDetail } from '../../api/applications'
import { messageOf, newIdempotencyKey } from '../../api/client'
import { decide } from '../../api/review'
import { parseYuanInput } from '../../format'

type Kind = 'approve' | 'reject' | 'return'
const KINDS: { kind: Kind; label: string }[] = [
  { kind: 'approve', label: '通过' },
  { kind: 'return', label: '退回补正' },
  { kind: 'reject', label: '不通过' },
]

/** fen → "5000.00" for the amount input (the input is in yuan). */
const yuanText = (f: number) => `${Math.floor(f / 100)}.${String(f % 100).padStart(2, '0')}`

export function DecisionForm({ app, onDecided }: { app: ApplicationDetail; onDecided: (a: ApplicationDetail) => void }) {
  const suggested = app.recommendedFen ?? app.requestedFen ?? app.capFen
  const [kind, setKind] = useState<Kind>('approve')
  const [amount, setAmount] = useState(yuanText(Math.min(suggested, app.capFen)))
  const [text, setText] = useState('')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const keys = useRef(new Map<string, string>())
  const keyFor = (intent: string) => {
    if (!keys.current.has(intent)) keys.current.set(intent, newIdempotencyKey())
    return keys.current.get(intent)!
  }

  function body(): DecisionBody | string {
    if (kind === 'approve') {
      const amountFen = parseYuanInput(amount)
      if (amountFen === undefined || amountFen === 0) return '请输入正确的核定金额'
      if (amountFen > app.capFen) return `核定金额不能超过政策上限 ${formatFen(app.capFen)}`
      return { kind, amountFen }
    }
    return kind === 'reject' ? { kind, reason: text } : { kind, note: text }
  }

  async function submit() {
    const b = body()
    if (typeof b === 'string') return setError(b)
    const parsed = DecisionBody.safeParse(b)
    if (!parsed.success) return setError(parsed.error.issues[0]?.message ?? '请检查填写内容')
    setError(null)
    setBusy(true)
    try {
      onDecided(await decide(app.id, b, keyFor(`${app.version}:${JSON.stringify(b)}`)))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className="review__card" data-testid="decision-form">
      <Text className="review__heading">审核决定</Text>
      <View className="review__kinds">
        {KINDS.map((k) => (
          <View
            key={k.kind}
            role="radio"
            aria-checked={kind === k.kind}
            data-testid={`kind-${k.kind}`}
            className={`review__kind ${kind === k.kind ? 'review__kind--on' : ''}`}
            onClick={() => {
              setKind(k.kind)
              setError(null)
            }}
          >
            {k.label}
          </View>
        ))}
      </View>
      {kind === 'approve' ? (
        <View className="form-field">
          <Text className="form-field__label">核定金额（元），上限 {formatFen(app.capFen as Fen)}</Text>
          <Input className="form-field__input" type="digit" value={amount} onChange={(v: string) => setAmount(v)} />
        </View>
      ) : (
        <View className="form-field">
          <Text className="form-field__label">{kind === 'reject' ? '不通过理由（申请人可见）' : '需要补正的内容（申请人可见）'}</Text>
          <Textarea
            className="review__textarea"
            value={text}
            maxlength={500}
            placeholder={kind === 'reject' ? '例如：不符合政策第二条规定的条件' : '例如：营业执照照片不清晰，请重新上传'}
            onInput={(e) => setText(e.detail.value)}
          />
        </View>
      )}
      {error && (
        <View className="form-error" role="alert">
          {error}
        </View>
      )}
      <View className="form-field">
        <Button type={kind === 'reject' ? 'danger' : 'primary'} size="xlarge" block loading={busy} onClick={() => void submit()}>
          确认{KINDS.find((k) => k.kind === kind)!.label}
        </Button>
      </View>
    </View>
  )
}
