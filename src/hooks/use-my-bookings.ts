import { useCallback, useState } from 'react';
import { cancelBooking, getBooking, listMyBookings } from '@/services/bookings';
import type { BookingView } from '@/types/api';
import { useAsync } from './use-async';
import { usePagedList } from './use-paged-list';
import { useSubmit } from './use-submit';

/** 我的预约: the signed-in user's bookings, newest first, with cancelling. */
export function useMyBookings(userId: string | undefined) {
  const list = usePagedList(listMyBookings, [userId], !!userId);
  const cancel = useSubmit(async (id: string) => {
    await cancelBooking(id);
    list.reload();
  });
  return { ...list, cancel };
}

/** One booking (the voucher), kept current after cancelling. */
export function useBooking(id: string | undefined, enabled = true) {
  const loaded = useAsync(() => getBooking(id!), [id], !!id && enabled);
  const [override, setOverride] = useState<BookingView | undefined>();
  const booking = override && override.id === id ? override : loaded.data;
  const cancel = useSubmit(async () => {
    await cancelBooking(id!);
    setOverride(await getBooking(id!));
  });
  const retry = useCallback(() => {
    setOverride(undefined);
    loaded.retry();
  }, [loaded.retry]);
  return { booking, loading: loaded.loading, error: loaded.error, retry, cancel };
}
