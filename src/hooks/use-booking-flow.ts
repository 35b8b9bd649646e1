import { useCallback, useEffect, useRef, useState } from 'react';
import { createBooking, getBookingCalendar, getSlots, unwatchSlot, watchSlot } from '@/services/bookings';
import { ApiError } from '@/services/request';
import type { BookingCreate, BookingKind, BookingView } from '@/types/api';
import { bookingDate, draftProblems, type BookingDraft } from '@/utils/booking-format';
import { newIdempotencyKey } from '@/utils/idempotency-key';
import { useAsync } from './use-async';
import { useSubmit } from './use-submit';

/** Days the calendar shows: the individual window (7 days ahead) or a group's (30). */
const CALENDAR_DAYS = { individual: 8, group: 31 } as const;

export interface BookingFlowOptions {
  siteId: string | undefined;
  initialDate?: string;
  /** Sends the booking (citizens: POST /bookings; staff green channel: POST /admin/bookings). */
  send?: (body: BookingCreate, idempotencyKey: string) => Promise<BookingView>;
  now?: () => Date;
}

/**
 * The booking form as a flow: kind → date (calendar) → slot (remaining seats) → party → contact →
 * confirm. One Idempotency-Key per distinct request: sending the same booking again (after a lost
 * answer) reuses it, so the server records the booking once; changing anything makes a new one.
 */
export function useBookingFlow({ siteId, initialDate, send = createBooking, now = () => new Date() }: BookingFlowOptions) {
  const [kind, setKindState] = useState<BookingKind>('individual');
  const [date, setDate] = useState<string | undefined>(initialDate);
  const [slotId, setSlotId] = useState<string | undefined>();
  const [draft, setDraft] = useState<BookingDraft>({ partySize: 1, contactName: '', contactPhone: '', organization: '', group: false });
  const today = bookingDate(now());

  const calendar = useAsync(() => getBookingCalendar(siteId!, today, CALENDAR_DAYS[kind], kind), [siteId, kind, today], !!siteId);
  const slots = useAsync(() => getSlots(siteId!, date!, kind), [siteId, date, kind], !!siteId && !!date);

  // A date that the chosen kind cannot book (or none yet): go to the first day with seats.
  useEffect(() => {
    const days = calendar.data?.items;
    if (!days) return;
    const current = days.find((d) => d.date === date);
    if (current && (current.status === 'open' || current.status === 'full')) return;
    const firstOpen = days.find((d) => d.status === 'open');
    setDate(firstOpen?.date);
    setSlotId(undefined);
  }, [calendar.data]);

  const setKind = useCallback((next: BookingKind) => {
    setKindState(next);
    setSlotId(undefined);
    setDraft((d) => ({ ...d, group: next === 'group', partySize: next === 'group' ? Math.max(d.partySize, 2) : Math.min(d.partySize, 5) }));
  }, []);

  const chooseDate = useCallback((next: string) => {
    setDate(next);
    setSlotId(undefined);
  }, []);

  const update = useCallback((patch: Partial<BookingDraft>) => setDraft((d) => ({ ...d, ...patch })), []);

  const rules = calendar.data?.rules ?? slots.data?.rules;
  const slot = slots.data?.items.find((s) => s.id === slotId);
  const problems = [
    !date && '请选择参观日期',
    !slot && '请选择时段',
    slot && slot.remaining < draft.partySize && `该时段只剩 ${slot.remaining} 个名额`,
    ...(rules ? draftProblems(draft, rules) : []),
  ].filter((p): p is string => !!p);

  const lastAttempt = useRef<{ body: string; key: string } | null>(null);
  const [booking, setBooking] = useState<BookingView | undefined>();
  const submit = useSubmit(async () => {
    const body: BookingCreate = {
      slotId: slotId!,
      partySize: draft.partySize,
      contactName: draft.contactName.trim(),
      contactPhone: draft.contactPhone.replace(/[\s-]/g, ''),
      ...(draft.group ? { organization: draft.organization.trim() } : {}),
    };
    const text = JSON.stringify(body);
    if (lastAttempt.current?.body !== text) lastAttempt.current = { body: text, key: newIdempotencyKey('bk') };
    try {
      setBooking(await send(body, lastAttempt.current.key));
    } catch (error) {
      // Seats moved meanwhile: show the fresh numbers with the message.
      if (error instanceof ApiError && (error.code === 'SLOT_FULL' || error.code === 'VALIDATION_FAILED')) {
        slots.retry();
        calendar.retry();
      }
      throw error;
    }
  });

  const [watchError, setWatchError] = useState<Error | null>(null);
  const toggleWatch = useCallback(
    async (id: string, watching: boolean) => {
      setWatchError(null);
      try {
        await (watching ? unwatchSlot(id) : watchSlot(id));
      } catch (error) {
        setWatchError(error instanceof Error ? error : new Error(String(error)));
      }
      slots.retry();
    },
    [slots.retry],
  );

  return {
    kind,
    setKind,
    today,
    calendar,
    date,
    chooseDate,
    slots,
    slotId,
    slot,
    chooseSlot: setSlotId,
    draft,
    update,
    rules,
    problems,
    submit,
    booking,
    toggleWatch,
    watchError,
  };
}

export type BookingFlow = ReturnType<typeof useBookingFlow>;
