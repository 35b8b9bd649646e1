import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { TributeStatusTag } from '@/components/TributeStatusTag';
import { TRIBUTE_STATUS_LABELS } from '@/constants/tribute-labels';
import { useSession } from '@/hooks/use-session';
import { showToast } from '@/platform/ui';
import type { ReviewTribute, TributeStatus } from '@/types/api';
import { formatTributeTime } from '@/utils/tribute-time';
import { LoadMore } from '@/components/LoadMore';
import { useReviewQueue } from '../../hooks/use-review-queue';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

const TABS: readonly TributeStatus[] = ['pending', 'published', 'rejected'];

/** Why the automatic screen held a message, in words a reviewer reads at a glance. */
const REASON_LABELS: Record<string, string> = {
  sensitive_word: '敏感词',
  link: '链接',
  email: '邮箱',
  phone: '手机号',
  contact_number: '疑似联系号码',
  wechat_id: '微信/QQ 号',
  invisible_chars: '隐藏字符',
  repeated_chars: '大量重复字符',
  content_security: '微信内容安全提示',
  content_check_unavailable: '内容安全检测未完成',
};

function reasonText(t: ReviewTribute): string {
  return t.moderation.reasons.map((r) => `${REASON_LABELS[r.code] ?? r.code}${r.match ? `「${r.match}」` : ''}`).join('、');
}

/** The message review queue: approve, or reject with a reason; admins see every site, managers theirs. */
export default function TributeReviewPage() {
  const session = useSession();
  const reviewer = !!session?.user.roles.some((r) => r === 'admin' || r === 'site_manager');
  const [status, setStatus] = useState<TributeStatus>('pending');
  const queue = useReviewQueue(status, reviewer);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const now = new Date();

  if (!reviewer) {
    return <SignInGate className='tribute-review' text='仅管理员和纪念设施管理员可以审核寄语' actionsClassName='tribute-review__actions' />;
  }

  async function approve(id: string) {
    if (await queue.approve(id)) showToast('已通过，寄语已公开');
  }

  async function reject(id: string) {
    if (!reason.trim()) return;
    if (await queue.reject(id, reason.trim())) {
      showToast('已驳回');
      setRejecting(null);
      setReason('');
    }
  }

  const { list } = queue;
  return (
    <PageShell className='tribute-review'>
      <View className='tribute-review__tabs' role='tablist'>
        {TABS.map((t) => (
          <View key={t} className={`tribute-review__tab ${t === status ? 'tribute-review__tab--on' : ''}`} role='tab' aria-selected={t === status} onClick={() => setStatus(t)}>
            {TRIBUTE_STATUS_LABELS[t]}
          </View>
        ))}
      </View>
      {queue.error && (
        <View className='tribute-review__error' role='alert'>
          {queue.error.message}
        </View>
      )}
      <StateView loading={list.loading} error={list.error} onRetry={list.retry} empty={list.items.length === 0} emptyText='没有需要处理的寄语'>
        {list.items.map((t) => {
          const current = queue.decided[t.id] ?? t.status;
          return (
            <View key={t.id} className='section tribute-review__item' data-testid='review-item'>
              <View className='tribute-review__head'>
                <Text className='muted'>
                  {t.martyrName ? `${t.martyrName}烈士 · ` : ''}
                  {t.siteName} · {formatTributeTime(t.createdAt, now)}
                </Text>
                <TributeStatusTag status={current} />
              </View>
              <Text className='tribute-review__message' userSelect>
                {t.message}
              </Text>
              {t.moderation.reasons.length > 0 && <Text className='tribute-review__reasons'>提示：{reasonText(t)}</Text>}
              {t.review?.reason && <Text className='muted'>驳回理由：{t.review.reason}</Text>}
              {current !== 'rejected' && rejecting !== t.id && (
                <View className='tribute-review__buttons'>
                  {current === 'pending' && (
                    <Button className='btn btn--primary' disabled={queue.pending || undefined} onClick={() => void approve(t.id)}>
                      通过
                    </Button>
                  )}
                  <Button className='btn' disabled={queue.pending || undefined} onClick={() => setRejecting(t.id)}>
                    {current === 'published' ? '撤下' : '驳回'}
                  </Button>
                </View>
              )}
              {rejecting === t.id && (
                <View className='tribute-review__reject'>
                  <Textarea className='tribute-review__textarea' value={reason} maxlength={200} placeholder='驳回理由（会告知留言人）' aria-label='驳回理由' onInput={(e) => setReason(e.detail.value)} />
                  <View className='tribute-review__buttons'>
                    <Button className='btn btn--primary' disabled={queue.pending || !reason.trim() || undefined} onClick={() => void reject(t.id)}>
                      确认驳回
                    </Button>
                    <Button className='btn' onClick={() => setRejecting(null)}>
                      取消
                    </Button>
                  </View>
                </View>
              )}
            </View>
          );
        })}
        <LoadMore list={list} className='tribute-review__more' />
      </StateView>
    </PageShell>
  );
}
