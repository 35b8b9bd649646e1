import { Button, Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { BookingForm } from '@/components/BookingForm';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { useBookingFlow } from '@/hooks/use-booking-flow';
import { useSession } from '@/hooks/use-session';
import { useSiteDetail } from '@/hooks/use-site-detail';
import { navigateTo, redirectTo, Routes, usePageParams } from '@/platform/navigation';
import { ApiError } from '@/services/request';
import './index.scss';

/** 预约祭扫: a citizen picks a day, a slot, the party and a contact, confirms, and gets the voucher. */
export default function BookingPage() {
  const { siteId, date } = usePageParams();
  const session = useSession();
  const site = useSiteDetail(siteId);
  const flow = useBookingFlow({ siteId, initialDate: date });

  useEffect(() => {
    if (flow.booking) redirectTo(Routes.bookingVoucher, { id: flow.booking.id });
  }, [flow.booking]);

  if (!siteId) {
    return (
      <PageShell>
        <StateView empty emptyText='未指定纪念设施' />
      </PageShell>
    );
  }

  const error = flow.submit.error;
  const existing =
    error instanceof ApiError && error.code === 'ALREADY_BOOKED' ? (error.details as { bookingId?: string } | undefined)?.bookingId : undefined;

  return (
    <PageShell className='booking'>
      <View className='section'>
        <Text className='booking__site' data-testid='booking-site'>
          {site.data?.name ?? '加载中…'}
        </Text>
        <Text className='muted'>请按预约时段入园，凭预约码或二维码核验。名额有限，取消后立即释放给他人。</Text>
      </View>
      <StateView loading={site.loading} error={site.error} onRetry={site.retry} empty={!site.data}>
        {site.data && !site.data.bookable ? (
          <StateView empty emptyText='该纪念设施暂未开放网上预约，可直接前往或电话咨询' />
        ) : (
          <BookingForm
            flow={flow}
            canWatch={!!session}
            blocked={
              session ? undefined : (
                <Button className='btn btn--primary btn--block' data-testid='booking-sign-in' onClick={() => navigateTo(Routes.my)}>
                  登录后预约
                </Button>
              )
            }
          />
        )}
      </StateView>
      {existing && (
        <View className='form-actions'>
          <Button className='btn btn--block' data-testid='open-existing-booking' onClick={() => navigateTo(Routes.bookingVoucher, { id: existing })}>
            查看当天已有的预约
          </Button>
        </View>
      )}
    </PageShell>
  );
}
