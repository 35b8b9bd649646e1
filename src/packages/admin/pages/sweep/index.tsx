import { Button, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { Notice } from '@/components/Notice';
import { PageShell } from '@/components/PageShell';
import { ProofGallery } from '@/components/ProofGallery';
import { StateView } from '@/components/StateView';
import { SweepStatusTag } from '@/components/SweepStatusTag';
import { SweepTimeline } from '@/components/SweepTimeline';
import { SWEEP_SERVICE_LABELS } from '@/constants/sweep-labels';
import { useSession } from '@/hooks/use-session';
import { useSubmit } from '@/hooks/use-submit';
import { makePhoneCall } from '@/platform/device';
import { previewImages } from '@/platform/media';
import { usePageParams } from '@/platform/navigation';
import { showToast } from '@/platform/ui';
import { acceptSweep, completeSweep, rejectSweep, revealSweepContact, startSweep } from '@/services/proxy-sweeps';
import { ApiError } from '@/services/request';
import { isStaff } from '@/stores/session';
import { formatDateTime, graveTitle } from '@/utils/sweep-format';
import { ProofCapture } from '../../components/ProofCapture';
import { useProofDraft } from '../../hooks/use-proof-draft';
import { useSweepJob } from '../../hooks/use-sweep-job';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

type Step = 'accept' | 'start' | 'complete' | 'reject';

/** One proxy-sweep job for staff: the request, its history, and the next step (accept, start, prove, reject). */
export default function SweepJobPage() {
  const { id } = usePageParams();
  const session = useSession();
  const staff = isStaff(session);
  // Read again when shown again: the camera hides and shows the page too, so the proof being put together
  // (draft), the reason being written and the revealed phone are this page's state and survive it.
  const state = useSweepJob(id, session?.user.id, staff);
  const sweep = state.sweep;
  const draft = useProofDraft();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const [phone, setPhone] = useState<string | null>(null);

  const step = async (kind: Step) => {
    if (!sweep) return;
    if (kind === 'accept') state.replace(await acceptSweep(sweep.id));
    if (kind === 'start') state.replace(await startSweep(sweep.id));
    if (kind === 'reject') {
      state.replace(await rejectSweep(sweep.id, reason.trim()));
      setRejecting(false);
    }
    if (kind === 'complete') {
      const body = draft.toBody();
      if (!body) throw new Error('请至少拍摄一张带位置的照片');
      const done = await completeSweep(sweep.id, body);
      state.replace(done);
      showToast(done.proof?.flags.length ? '已完成，凭证待核实' : '已完成，已通知家属');
    }
  };
  const act = useSubmit(async (kind: Step) => {
    try {
      await step(kind);
    } catch (error) {
      // Refused because the job moved on meanwhile: read it again, so the page says what happened.
      if (error instanceof ApiError && error.status === 409) state.retry();
      throw error;
    }
  });
  const contact = useSubmit(async () => {
    const { contactPhone } = await revealSweepContact(sweep!.id);
    setPhone(contactPhone);
    await makePhoneCall(contactPhone).catch(() => undefined);
  });

  if (!staff) {
    return <SignInGate className='sweep-job' actionsClassName='form-actions' />;
  }

  const can = (a: string) => !!sweep?.actions.includes(a as never);
  const mayCall = !!sweep && (can('start') || can('complete') || sweep.status === 'completed') && sweep.assignee?.id === session?.user.id;

  return (
    <PageShell className='sweep-job'>
      {/* A failed re-read keeps the job and the proof on screen; only a first read that fails shows the error. */}
      <StateView loading={state.loading} error={sweep ? null : state.error} onRetry={state.retry} empty={!sweep}>
        {sweep && (
          <>
            {state.error && <Notice>未能读取工单的最新状态（{state.error.message}），下拉可重试。</Notice>}
            {state.gone && (
              <View className='form-actions'>
                <View className='form-error' role='alert' data-testid='job-gone'>
                  <Text>
                    {state.gone}
                    {draft.photos.length > 0 ? `您已拍摄的 ${draft.photos.length} 张照片不会提交。` : ''}
                  </Text>
                </View>
              </View>
            )}
            <View className='section'>
              <View className='sweep-job__head'>
                <Text className='section__title'>{graveTitle(sweep)}</Text>
                <SweepStatusTag status={sweep.status} />
              </View>
              <Text className='sweep-job__line'>{sweep.siteName}</Text>
              {sweep.graveDescription && <Text className='sweep-job__line'>墓位：{sweep.graveDescription}</Text>}
              <Text className='sweep-job__line'>期望日期：{sweep.preferredDate}</Text>
              <Text className='sweep-job__line'>服务项目：{sweep.services.map((s) => SWEEP_SERVICE_LABELS[s]).join('、')}</Text>
              <Text className='sweep-job__line'>
                家属：{sweep.relationship} · {phone ?? sweep.contactPhone}
              </Text>
              {sweep.assignee && <Text className='muted'>执行人：{sweep.assignee.name ?? sweep.assignee.id}</Text>}
              <Text className='muted'>提交于 {formatDateTime(sweep.createdAt)}</Text>
            </View>

            {sweep.message && (
              <View className='section'>
                <Text className='section__title'>家属寄语（请在墓前宣读）</Text>
                <Text className='sweep-job__message' data-testid='sweep-message'>
                  {sweep.message}
                </Text>
              </View>
            )}

            {act.error && (
              <View className='form-actions'>
                <View className='form-error' role='alert'>
                  <Text>{act.error.message}</Text>
                </View>
              </View>
            )}

            <View className='form-actions'>
              {can('accept') && (
                <Button className='btn btn--primary btn--block' data-testid='accept-sweep' loading={act.pending} disabled={act.pending} onClick={() => void act.submit('accept')}>
                  受理（由我执行）
                </Button>
              )}
              {can('start') && (
                <Button className='btn btn--primary btn--block' data-testid='start-sweep' loading={act.pending} disabled={act.pending} onClick={() => void act.submit('start')}>
                  到达墓前，开始祭扫
                </Button>
              )}
              {mayCall && (
                <Button className='btn btn--block' loading={contact.pending} onClick={() => void contact.submit()}>
                  联系家属
                </Button>
              )}
              {can('reject') && !rejecting && (
                <Button className='btn btn--block' onClick={() => setRejecting(true)}>
                  无法受理
                </Button>
              )}
            </View>

            {rejecting && can('reject') && (
              <View className='section'>
                <Text className='section__title'>无法受理的原因（将告知家属）</Text>
                <Textarea className='textarea' value={reason} maxlength={200} aria-label='原因' onInput={(e) => setReason(e.detail.value)} />
                <View className='form-actions'>
                  <Button className='btn btn--primary btn--block' disabled={!reason.trim() || act.pending} onClick={() => void act.submit('reject')}>
                    确认退回
                  </Button>
                  <Button className='btn btn--block' onClick={() => setRejecting(false)}>
                    返回
                  </Button>
                </View>
              </View>
            )}

            {can('complete') && <ProofCapture draft={draft} submitting={act.pending} onSubmit={() => void act.submit('complete')} />}

            {sweep.proof && (
              <View className='section'>
                <Text className='section__title'>祭扫凭证</Text>
                <ProofGallery proof={sweep.proof} onPreview={previewImages} />
              </View>
            )}
            {sweep.confirmation && (
              <View className='section'>
                <Text className='section__title'>家属评价</Text>
                <Text className='sweep-job__stars'>{'★'.repeat(sweep.confirmation.rating)}</Text>
                {sweep.confirmation.comment && <Text className='sweep-job__line'>{sweep.confirmation.comment}</Text>}
              </View>
            )}

            <View className='section'>
              <Text className='section__title'>进展</Text>
              <SweepTimeline history={sweep.history} />
            </View>
          </>
        )}
      </StateView>
    </PageShell>
  );
}
