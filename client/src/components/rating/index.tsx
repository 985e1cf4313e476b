/**
 * 好差评 (issue #17): once the item is paid or refused, 1–5 stars (each a 48 px target with
 * its words, 非常不满意 … 非常满意) and an optional comment, sent once.
 */
import { useRef, useState } from 'react';
import { View, Text, Textarea } from '@tarojs/components';
import { Button } from '@nutui/nutui-react-taro';
import { MAX_RATING_COMMENT, STAR_LABELS } from '@shared/rating';
import type { RatingView } from '@shared/schemas/rating';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { rateService } from '../../api/applications';
import './index.scss';

const STARS = [1, 2, 3, 4, 5] as const;

export function RatingCard({
  kind,
  itemId,
  rated,
}: {
  kind: 'application' | 'grant';
  itemId: string;
  rated?: RatingView;
}) {
  const [done, setDone] = useState<RatingView | undefined>(rated);
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const key = useRef(newIdempotencyKey());

  if (done)
    return (
      <View className="detail__card" data-testid="rating-done">
        <Text className="detail__heading">服务评价</Text>
        <Text className="detail__line">
          您的评价：{'★'.repeat(done.stars)}（{done.starsLabel}）
        </Text>
        {done.comment && <Text className="detail__line muted">{done.comment}</Text>}
      </View>
    );

  async function send() {
    if (stars === 0) {
      setError('请先选择星级');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const trimmed = comment.trim();
      setDone(
        await rateService(
          { kind, id: itemId, stars, ...(trimmed ? { comment: trimmed } : {}) },
          key.current,
        ),
      );
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <View className="detail__card" data-testid="rating">
      <Text className="detail__heading">服务评价（好差评）</Text>
      <Text className="detail__line">请为本次办理打分，每件只能评价一次。</Text>
      <View className="rating__stars" role="radiogroup" aria-label="星级">
        {STARS.map((n) => (
          <View
            key={n}
            className={`rating__star ${n <= stars ? 'rating__star--on' : ''}`}
            role="radio"
            aria-checked={n === stars}
            aria-label={`${n}星 ${STAR_LABELS[n]}`}
            data-testid={`star-${n}`}
            onClick={() => setStars(n)}
          >
            ★
          </View>
        ))}
      </View>
      {stars > 0 && <Text className="detail__line">{STAR_LABELS[stars]}</Text>}
      <Textarea
        className="rating__comment"
        value={comment}
        maxlength={MAX_RATING_COMMENT}
        placeholder="说说您的感受（选填）"
        onInput={(e) => setComment(e.detail.value)}
      />
      {error && (
        <View className="detail__error" role="alert">
          {error}
        </View>
      )}
      <Button type="primary" size="xlarge" block loading={busy} onClick={() => void send()}>
        提交评价
      </Button>
    </View>
  );
}
