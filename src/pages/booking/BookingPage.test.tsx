import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/stores/session';
import { jsonRoutes, requests, routerParams, taro, type FakeRequest } from '@/test/fake-taro';
import type { CalendarDay, SlotView } from '@/types/api';
import { bookingDate } from '@/utils/booking-format';
import BookingPage from './index';

const SITE = '0123456789abcdef01234567';
const RULES = { bookingWindowDays: 7, cancelCutoffMinutes: 60, maxIndividualParty: 5, group: { minDaysAhead: 5, maxPartySize: 50, windowDays: 30 } };
const today = bookingDate(new Date());
const tomorrow = bookingDate(new Date(), 1);

function days(): CalendarDay[] {
  return Array.from({ length: 8 }, (_, i) => ({
    date: bookingDate(new Date(), i),
    status: i === 0 ? 'full' : i === 2 ? 'closed' : 'open',
    capacity: 25,
    remaining: i === 0 ? 0 : 25,
  }));
}

function slots(remaining: number): SlotView[] {
  return [
    { id: `${SITE}_x_0900`, start: '09:00', end: '10:00', capacity: 20, remaining, open: true },
    { id: `${SITE}_x_1400`, start: '14:00', end: '15:00', capacity: 5, remaining: 0, open: true, watching: false },
  ];
}

function server(onBook: (req: FakeRequest) => { statusCode: number; data: unknown }) {
  jsonRoutes({
    [`/sites/${SITE}`]: () => ({ statusCode: 200, data: { id: SITE, name: '武汉革命烈士陵园', bookable: true, status: 'published' } }),
    [`/sites/${SITE}/booking-calendar`]: () => ({ statusCode: 200, data: { siteId: SITE, items: days(), rules: RULES } }),
    [`/sites/${SITE}/slots`]: (req) => ({ statusCode: 200, data: { date: new URL(req.url, 'http://x').searchParams.get('date'), status: 'open', items: slots(12), rules: RULES } }),
    '/bookings': onBook,
  });
}

function signIn() {
  sessionStore.signIn({ token: 't', expiresIn: 3600, user: { id: 'u1', roles: ['citizen'] } });
}

async function fillForm() {
  await screen.findByTestId('booking-calendar');
  // The first open day (tomorrow) is chosen for the visitor; today is full.
  await waitFor(() => expect(screen.getAllByTestId('slot')).toHaveLength(2));
  expect(screen.getAllByTestId('calendar-day').find((d) => d.getAttribute('data-date') === today)!.getAttribute('data-status')).toBe('full');
  fireEvent.click(screen.getAllByTestId('slot')[0]!);
  fireEvent.click(screen.getByRole('button', { name: '增加人数' }));
  fireEvent.change(screen.getByLabelText('联系人姓名'), { target: { value: '张三' } });
  fireEvent.change(screen.getByLabelText('手机号码'), { target: { value: '13812345678' } });
}

describe('预约祭扫 page', () => {
  it('books the chosen slot with an Idempotency-Key and opens the voucher', async () => {
    signIn();
    routerParams.siteId = SITE;
    server(() => ({ statusCode: 201, data: { id: 'b1', code: 'ABCD2345', status: 'booked' } }));
    render(<BookingPage />);
    await fillForm();
    expect(screen.getByTestId('booking-summary').textContent).toContain('09:00–10:00，2 人');
    fireEvent.click(screen.getByTestId('confirm-booking'));
    await waitFor(() => expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/pages/booking-voucher/index?id=b1' }));
    const post = requests.find((r) => r.method === 'POST')!;
    expect(JSON.parse(String(post.data))).toEqual({ slotId: `${SITE}_x_0900`, partySize: 2, contactName: '张三', contactPhone: '13812345678' });
    expect(post.header['Idempotency-Key']).toMatch(/^bk-/);
    expect(new URL(requests.find((r) => r.url.includes('/slots'))!.url, 'http://x').searchParams.get('date')).toBe(tomorrow);
  });

  it('sends the same Idempotency-Key again when the first answer was lost, and a new one after a change', async () => {
    signIn();
    routerParams.siteId = SITE;
    let calls = 0;
    server(() => {
      calls++;
      if (calls === 1) throw { errMsg: 'request:fail timeout' };
      return { statusCode: 409, data: { error: { code: 'SLOT_FULL', message: '该时段名额已满，请选择其他时段' } } };
    });
    render(<BookingPage />);
    await fillForm();
    fireEvent.click(screen.getByTestId('confirm-booking'));
    await screen.findByTestId('booking-error');
    fireEvent.click(screen.getByTestId('confirm-booking'));
    await waitFor(() => expect(screen.getByTestId('booking-error').textContent).toBe('该时段名额已满，请选择其他时段'));
    fireEvent.click(screen.getByRole('button', { name: '增加人数' }));
    fireEvent.click(screen.getByTestId('confirm-booking'));
    await waitFor(() => expect(calls).toBe(3));
    const keys = requests.filter((r) => r.method === 'POST').map((r) => r.header['Idempotency-Key']);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it('asks to be told when a full slot frees up', async () => {
    signIn();
    routerParams.siteId = SITE;
    let watched = '';
    jsonRoutes({
      [`/sites/${SITE}`]: () => ({ statusCode: 200, data: { id: SITE, name: '陵园', bookable: true, status: 'published' } }),
      [`/sites/${SITE}/booking-calendar`]: () => ({ statusCode: 200, data: { siteId: SITE, items: days(), rules: RULES } }),
      [`/sites/${SITE}/slots`]: () => ({ statusCode: 200, data: { date: tomorrow, status: 'open', items: slots(12), rules: RULES } }),
      [`/slots/${SITE}_x_1400/watch`]: (req) => {
        watched = req.method;
        return { statusCode: 201, data: { slotId: `${SITE}_x_1400`, watching: true } };
      },
    });
    render(<BookingPage />);
    fireEvent.click(await screen.findByTestId('watch-slot'));
    await waitFor(() => expect(watched).toBe('POST'));
  });

  it('keeps a signed-out visitor to looking, with a way to sign in', async () => {
    routerParams.siteId = SITE;
    server(() => ({ statusCode: 401, data: {} }));
    render(<BookingPage />);
    expect(await screen.findByTestId('booking-sign-in')).toBeTruthy();
    expect(screen.queryByTestId('confirm-booking')).toBeNull();
    expect(screen.queryByTestId('watch-slot')).toBeNull();
  });
});
