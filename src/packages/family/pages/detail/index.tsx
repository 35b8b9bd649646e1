import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { Notice } from '@/components/Notice';
import { ProofGallery } from '@/components/ProofGallery';
import { RatingInput } from '@/components/RatingInput';
import { StateView } from '@/components/StateView';
import { SweepStatusTag } from '@/components/SweepStatusTag';
import { SweepTimeline } from '@/components/SweepTimeline';
import { SWEEP_SERVICE_LABELS } from '@/constants/sweep-labels';
import { useReadAgain } from '@/hooks/use-read-again';
import { useSession } from '@/hooks/use-session';
import { useSubmit } from '@/hooks/use-submit';
import { useSweep } from '@/hooks/use-sweep';
import { previewImages } from '@/platform/media';
import { usePageParams } from '@/platform/navigation';
import { confirm, showToast } from '@/platform/ui';
import { cancelSweep, confirmSweep } from '@/services/proxy-sweeps';
import type { ProxySweepDetail } from '@/types/api';
import { graveTitle } from '@/utils/sweep-format';
import { SignInPrompt } from '../../components/SignInPrompt';
import './index.scss';

function ConfirmForm({ sweep, onDone }: { sweep: ProxySweepDetail; onDone: (s: ProxySweepDetail) => void }) {
  const [rating, setRating] = useState(5);
  const [comment, setComment] = useState('');
  const action = useSubmit(async () => {
    onDone(await confirmSweep(sweep.id, rating, comment.trim() || undefined));
    showToast('感谢您的确认');
  });
  return (
    <View className='section' data-testid='confirm-form'>
      <Text className='section__title'>确认并评价</Text>
      <Text className='muted'>请查看上方现场照片，确认工作人员已代您完成祭扫。</Text>
      <RatingInput value={rating} onChange={setRating} />
      <Textarea
        className='textarea'
        value={comment}
        maxlength={300}
        placeholder='想对工作人员说的话（选填）'
        aria-label='评价'
        onInput={(e) => setComment(e.detail.value)}
      />
      {action.error && (
        <View className='form-error' role='alert'>
          <Text>{action.error.message}</Text>
        </View>
      )}
      <Button className='btn btn--primary btn--block sweep-detail__button' data-testid='confirm-sweep' loading={action.pending} disabled={action.pending} onClick={() => void action.submit()}>
        确认已完成
      </Button>
    </View>
  );
}

/** One request for the family: where it stands, every step so far, the proof, and confirm or cancel. */
export default function SweepDetailPage() {
  const { id } = usePageParams();
  const session = useSession();
  const state = useSweep(id, !!session);
  const sweep = state.sweep;
  // The staff move the request on while the family is away: the timeline and proof stay current.
  useReadAgain(state.retry, !!session);
  const cancel = useSubmit(async () => {
    if (!(await confirm('取消申请', '确定取消这次代祭扫申请吗？'))) return;
    state.replace(await cancelSweep(sweep!.id));
    showToast('已取消');
  });

  if (!session) {
    return (
      <PageShell className='family'>
        <SignInPrompt />
      </PageShell>
    );
  }

  return (
    <PageShell className='family sweep-detail'>
      {/* A failed re-read (weak signal) keeps what was shown, with a note; only a first read that fails is an error page. */}
      <StateView loading={state.loading} error={sweep ? null : state.error} onRetry={state.retry} empty={!sweep}>
        {sweep && (
          <>
            {state.error && <Notice>未能读取申请的最新进展（{state.error.message}），下拉可重试。</Notice>}
            <View className='section'>
              <View className='sweep-detail__head'>
                <Text className='section__title'>{graveTitle(sweep)}</Text>
                <SweepStatusTag status={sweep.status} />
              </View>
              <Text className='sweep-detail__line'>{sweep.siteName}</Text>
              <Text className='sweep-detail__line'>期望日期：{sweep.preferredDate}</Text>
              <Text className='sweep-detail__line'>服务项目：{sweep.services.map((s) => SWEEP_SERVICE_LABELS[s]).join('、')}</Text>
              {sweep.message && <Text className='sweep-detail__line'>寄语：{sweep.message}</Text>}
              <Text className='muted'>
                {sweep.relationship} · {sweep.contactPhone}
              </Text>
              {sweep.rejectionReason && <Text className='sweep-detail__reason'>未能受理：{sweep.rejectionReason}</Text>}
            </View>

            {sweep.proof && (
              <View className='section'>
                <Text className='section__title'>祭扫凭证</Text>
                <ProofGallery proof={sweep.proof} onPreview={(urls, current) => previewImages(urls, current)} />
              </View>
            )}

            {sweep.actions.includes('confirm') && <ConfirmForm sweep={sweep} onDone={state.replace} />}
            {sweep.confirmation && (
              <View className='section' data-testid='confirmation'>
                <Text className='section__title'>您的评价</Text>
                <Text className='sweep-detail__stars'>{'★'.repeat(sweep.confirmation.rating)}</Text>
                {sweep.confirmation.comment && <Text className='sweep-detail__line'>{sweep.confirmation.comment}</Text>}
              </View>
            )}

            <View className='section'>
              <Text className='section__title'>进展</Text>
              <SweepTimeline history={sweep.history} />
            </View>

            {sweep.actions.includes('cancel') && (
              <View className='form-actions'>
                {cancel.error && (
                  <View className='form-error' role='alert'>
                    <Text>{cancel.error.message}</Text>
                  </View>
                )}
                <Button className='btn btn--block' loading={cancel.pending} disabled={cancel.pending} onClick={() => void cancel.submit()}>
                  取消申请
                </Button>
              </View>
            )}
          </>
        )}
      </StateView>
    </PageShell>
  );
}
