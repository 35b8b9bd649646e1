import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/stores/session';
import { jsonRoutes, pullDown, requests, routerParams, showPage } from '@/test/fake-taro';
import BookingVoucherPage from './index';

const booking = (status: string) => ({
  id: 'b1',
  code: 'ABCD2345',
  status,
  siteId: 's',
  siteName: '陵园',
  slotId: 'x',
  date: '2026-04-04',
  start: '09:00',
  end: '10:00',
  partySize: 3,
  contactName: '王芳',
  contactPhone: '138****8000',
  kind: 'individual',
  channel: 'self',
  createdAt: '2026-04-01T01:00:00Z',
  cancelDeadline: '2026-04-04T00:00:00Z',
  canCancel: status === 'booked',
  ...(status === 'checked_in' ? { checkedInAt: '2026-04-04T01:05:00Z' } : {}),
});

describe('预约凭证', () => {
  it('shown again after the gate scanned it, says 已入园 with the time and no longer offers to cancel', async () => {
    sessionStore.signIn({ token: 't', expiresIn: 3600, user: { id: 'u', roles: [], siteIds: [] } });
    routerParams.id = 'b1';
    let status = 'booked';
    jsonRoutes({ '/bookings/b1': () => ({ statusCode: 200, data: booking(status) }) });

    render(<BookingVoucherPage />);
    await waitFor(() => expect(screen.getByTestId('voucher-status').textContent).toBe('待参观'));
    expect(screen.getByTestId('cancel-booking')).toBeTruthy();

    status = 'checked_in';
    act(() => showPage());
    await waitFor(() => expect(screen.getByTestId('voucher-status').textContent).toBe('已入园'));
    expect(screen.getByText(/入园核验：2026-04-04 09:05/)).toBeTruthy();
    expect(screen.queryByTestId('cancel-booking')).toBeNull();

    act(() => pullDown());
    await waitFor(() => expect(requests).toHaveLength(3));
  });
});
