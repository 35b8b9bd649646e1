import { useCallback, useState } from 'react';
import { useSubmit } from '@/hooks/use-submit';
import { checkIn } from '@/services/bookings';
import type { BookingView } from '@/types/api';

/** Checking visitors in by code: the last result (admitted booking) and the ones admitted this session. */
export function useCheckIn() {
  const [admitted, setAdmitted] = useState<BookingView[]>([]);
  const [last, setLast] = useState<BookingView | undefined>();
  const action = useSubmit(async (raw: string) => {
    setLast(undefined);
    const result = await checkIn(raw.trim());
    setLast(result.booking);
    setAdmitted((prev) => [result.booking, ...prev.filter((b) => b.id !== result.booking.id)].slice(0, 20));
  });
  const submit = useCallback((code: string) => action.submit(code), [action.submit]);
  return { submit, pending: action.pending, error: action.error, last, admitted };
}
