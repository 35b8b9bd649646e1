import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BookingForm } from '@/components/BookingForm';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { useBookingFlow } from '@/hooks/use-booking-flow';
import { useSession } from '@/hooks/use-session';
import { navigateTo, Routes, usePageParams } from '@/platform/navigation';
import { createAssistedBooking } from '@/services/bookings';
import { isStaff } from '@/stores/session';
import { dateLabel } from '@/utils/booking-format';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

function AssistedForm({ siteId, onDone }: { siteId: string; onDone: () => void }) {
  const flow = useBookingFlow({ siteId, send: createAssistedBooking });
  const booked = flow.booking;
  if (booked) {
    return (
      <View className='section assisted__done' data-testid='assisted-done'>
        <Text className='section__title'>已为 {booked.contactName} 预约</Text>
        <Text>
          {dateLabel(booked.date)} {booked.start}–{booked.end} · {booked.partySize} 人
        </Text>
        <Text className='assisted__code-label'>请向来访者读出预约码</Text>
        <Text className='assisted__code' data-testid='assisted-code'>
          {booked.code}
        </Text>
        <Button className='btn btn--primary btn--block' onClick={onDone}>
          再约一位
        </Button>
      </View>
    );
  }
  return <BookingForm flow={flow} canWatch={false} submitLabel='代为预约' contactNote='为没有智能手机的来访者（如老人）代约。同一手机号当天在本设施只能有一个预约。' />;
}

/** 绿色通道: staff book for a caller without a smartphone (by phone or at the gate); marked as assisted. */
export default function AssistedBookingPage() {
  const { siteId, name } = usePageParams();
  const session = useSession();
  const [round, setRound] = useState(0);

  if (!isStaff(session)) {
    return <SignInGate actionsClassName='form-actions' />;
  }
  if (!siteId) {
    return (
      <PageShell>
        <StateView empty emptyText='请从“我的设施”选择纪念设施' />
      </PageShell>
    );
  }
  return (
    <PageShell className='assisted'>
      <View className='section'>
        <Text className='section__title'>{name || '代客预约'}</Text>
        <Text className='muted'>绿色通道：工作人员代为预约的记录会标明“代约”。</Text>
        <Button className='btn assisted__sheet' onClick={() => navigateTo(Routes.adminBookingDay, { siteId, name: name ?? '' })}>
          查看预约日表
        </Button>
      </View>
      <AssistedForm key={round} siteId={siteId} onDone={() => setRound((n) => n + 1)} />
    </PageShell>
  );
}
