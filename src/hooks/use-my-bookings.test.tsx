import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { jsonRoutes, requests } from '@/test/fake-taro';
import { useBooking, useMyBookings } from './use-my-bookings';

const booking = (status: string) => ({ id: 'b1', code: 'ABCD2345', status, siteId: 's', siteName: '陵园', slotId: 'x', date: '2025-04-04', start: '09:00', end: '10:00', partySize: 2, contactName: '张三', contactPhone: '138****5678', kind: 'individual', channel: 'self', createdAt: '', cancelDeadline: '', canCancel: status === 'booked' });

describe('useBooking / useMyBookings', () => {
  it('cancels the voucher’s booking and shows it cancelled', async () => {
    let status = 'booked';
    jsonRoutes({
      '/bookings/b1': () => ({ statusCode: 200, data: booking(status) }),
      '/bookings/b1/cancel': () => {
        status = 'cancelled';
        return { statusCode: 200, data: { id: 'b1', status: 'cancelled' } };
      },
    });
    const { result } = renderHook(() => useBooking('b1'));
    await waitFor(() => expect(result.current.booking?.status).toBe('booked'));
    await act(async () => {
      await result.current.cancel.submit();
    });
    expect(result.current.booking?.status).toBe('cancelled');
    expect(requests.filter((r) => r.method === 'POST').map((r) => r.url)).toEqual([expect.stringContaining('/bookings/b1/cancel')]);
  });

  it('shows a refused cancel (past the cut-off) and keeps the list', async () => {
    jsonRoutes({
      '/bookings/mine': () => ({ statusCode: 200, data: { items: [booking('booked')] } }),
      '/bookings/b1/cancel': () => ({ statusCode: 409, data: { error: { code: 'CONFLICT', message: '已过取消截止时间' } } }),
    });
    const { result } = renderHook(() => useMyBookings('u1'));
    await waitFor(() => expect(result.current.items).toHaveLength(1));
    await act(async () => {
      await result.current.cancel.submit('b1');
    });
    expect(result.current.cancel.error?.message).toBe('已过取消截止时间');
    expect(result.current.items[0]!.status).toBe('booked');
  });
});
