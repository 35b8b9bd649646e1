import { Button, Text, View } from '@tarojs/components';
import { stopPullDownRefresh, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { BookingCard } from '@/components/BookingCard';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { useMyBookings } from '@/hooks/use-my-bookings';
import { useSession } from '@/hooks/use-session';
import { navigateTo, Routes } from '@/platform/navigation';
import { confirm } from '@/platform/ui';
import { dateLabel } from '@/utils/booking-format';
import './index.scss';

/** 我的预约: the user's bookings, newest first; open the voucher or cancel before the cut-off. */
export default function MyBookingsPage() {
  const session = useSession();
  const list = useMyBookings(session?.user.id);
  useDidShow(list.reload);
  usePullDownRefresh(() => {
    list.reload();
    void stopPullDownRefresh();
  });

  if (!session) {
    return (
      <PageShell>
        <StateView empty emptyText='请先登录后查看预约' />
        <View className='form-actions'>
          <Button className='btn btn--primary btn--block' onClick={() => navigateTo(Routes.my)}>
            去登录
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className='my-bookings'>
      {list.cancel.error && (
        <View className='my-bookings__error' role='alert'>
          <Text>{list.cancel.error.message}</Text>
        </View>
      )}
      <StateView loading={list.loading} error={list.error} onRetry={list.retry} empty={list.items.length === 0} emptyText='还没有预约。在纪念设施页面点“预约祭扫”即可预约。'>
        {list.items.map((b) => (
          <BookingCard key={b.id} booking={b} onOpen={(id) => navigateTo(Routes.bookingVoucher, { id })}>
            {b.canCancel && (
              <Button
                className='btn my-bookings__cancel'
                data-testid='cancel-booking'
                onClick={async (e) => {
                  e.stopPropagation();
                  if (await confirm('取消预约', `确定取消 ${dateLabel(b.date)} ${b.start} 的预约吗？`)) await list.cancel.submit(b.id);
                }}
              >
                取消预约
              </Button>
            )}
          </BookingCard>
        ))}
        {list.hasMore && (
          <View className='form-actions'>
            <Button className='btn btn--block' {...(list.loadingMore ? { loading: true } : {})} onClick={list.loadMore}>
              加载更多
            </Button>
          </View>
        )}
      </StateView>
    </PageShell>
  );
}
