import { Button, Image, Text, View } from '@tarojs/components';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { useBooking } from '@/hooks/use-my-bookings';
import { useReadAgain } from '@/hooks/use-read-again';
import { useSession } from '@/hooks/use-session';
import { navigateTo, Routes, usePageParams } from '@/platform/navigation';
import { confirm } from '@/platform/ui';
import { BOOKING_STATUS_LABELS, dateLabel } from '@/utils/booking-format';
import { resolveApiPath } from '@/utils/api-url';
import { formatDateTime } from '@/utils/sweep-format';
import './index.scss';

/** 预约凭证: the booking code large and as a QR code for the staff's scanner, the visit, and cancelling. */
export default function BookingVoucherPage() {
  const { id } = usePageParams();
  const session = useSession();
  const { booking, loading, error, retry, cancel } = useBooking(id, !!session);
  // Staff check the visitor in at the gate while the voucher is open: coming back to it shows 已入园.
  useReadAgain(retry, !!session);

  const onCancel = async () => {
    if (!booking) return;
    const ok = await confirm('取消预约', `确定取消 ${dateLabel(booking.date)} ${booking.start} 的预约吗？名额将释放给他人。`);
    if (ok) await cancel.submit();
  };

  if (!session) {
    return (
      <PageShell>
        <StateView empty emptyText='请先登录后查看预约' />
      </PageShell>
    );
  }

  return (
    <PageShell className='voucher'>
      <StateView loading={loading} error={error} onRetry={retry} empty={!booking}>
        {booking && (
          <>
            <View className={`section voucher__card voucher__card--${booking.status}`}>
              <Text className='voucher__site'>{booking.siteName}</Text>
              <Text className='voucher__status' data-testid='voucher-status' data-status={booking.status}>
                {BOOKING_STATUS_LABELS[booking.status]}
              </Text>
              {booking.qrUrl && booking.status === 'booked' && (
                <Image className='voucher__qr' src={resolveApiPath(booking.qrUrl)} mode='scaleToFill' aria-label='预约二维码' data-testid='voucher-qr' />
              )}
              <Text className='voucher__code-label'>预约码</Text>
              <Text className='voucher__code' data-testid='voucher-code'>
                {booking.code}
              </Text>
              <View className='voucher__rows'>
                <Text>
                  参观时间：{dateLabel(booking.date)} {booking.start}–{booking.end}
                </Text>
                <Text>参观人数：{booking.partySize} 人</Text>
                {booking.organization && <Text>单位：{booking.organization}</Text>}
                <Text>
                  联系人：{booking.contactName} {booking.contactPhone}
                </Text>
                {booking.status === 'booked' && <Text className='muted'>{formatDateTime(booking.cancelDeadline)} 前可取消</Text>}
                {booking.checkedInAt && <Text className='muted'>入园核验：{formatDateTime(booking.checkedInAt)}</Text>}
                {booking.cancelledAt && <Text className='muted'>取消于：{formatDateTime(booking.cancelledAt)}{booking.cancelReason ? `（${booking.cancelReason}）` : ''}</Text>}
              </View>
            </View>
            <View className='form-actions'>
              {cancel.error && (
                <View className='voucher__error' role='alert'>
                  <Text>{cancel.error.message}</Text>
                </View>
              )}
              {booking.canCancel && (
                <Button className='btn btn--block' data-testid='cancel-booking' {...(cancel.pending ? { loading: true, disabled: true } : {})} onClick={() => void onCancel()}>
                  取消预约
                </Button>
              )}
              <Button className='btn btn--block' data-testid='my-bookings-link' onClick={() => navigateTo(Routes.myBookings)}>
                我的预约
              </Button>
            </View>
          </>
        )}
      </StateView>
    </PageShell>
  );
}
