import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/stores/session';
import { jsonRoutes, requests, taro, type FakeRequest } from '@/test/fake-taro';
import CheckInPage from './index';

const BOOKING = { id: 'b1', code: 'ABCD2345', status: 'checked_in', siteId: 's1', siteName: '陵园', slotId: 'x', date: '2025-04-04', start: '09:00', end: '10:00', partySize: 3, contactName: '张三', contactPhone: '138****5678', kind: 'individual', channel: 'self', createdAt: '', cancelDeadline: '', canCancel: false };

function staff() {
  sessionStore.signIn({ token: 't', expiresIn: 3600, user: { id: 'st', roles: ['staff'], siteIds: ['s1'] } });
}

describe('预约核验 (admin subpackage)', () => {
  it('admits a scanned voucher and refuses the same code the second time', async () => {
    staff();
    let seen = 0;
    jsonRoutes({
      '/admin/bookings/check-in': (req: FakeRequest) => {
        expect(JSON.parse(String(req.data))).toEqual({ code: 'ABCD2345' });
        seen++;
        return seen === 1
          ? { statusCode: 200, data: { status: 'checked_in', booking: BOOKING } }
          : { statusCode: 409, data: { error: { code: 'CONFLICT', message: '该预约已于 2025-04-04 08:55 核验入场' } } };
      },
    });
    taro.scanCode.mockImplementation(async () => ({ result: 'ABCD2345', errMsg: 'scanCode:ok' }));
    render(<CheckInPage />);
    fireEvent.click(screen.getByTestId('scan-voucher'));
    await waitFor(() => expect(screen.getByTestId('check-in-ok').textContent).toContain('请放行 3 人'));
    fireEvent.click(screen.getByTestId('scan-voucher'));
    await waitFor(() => expect(screen.getByTestId('check-in-error').textContent).toContain('已于 2025-04-04 08:55 核验入场'));
    expect(screen.queryByTestId('check-in-ok')).toBeNull();
    expect(requests).toHaveLength(2);
  });

  it('checks a typed code in, upper-cased', async () => {
    staff();
    jsonRoutes({ '/admin/bookings/check-in': () => ({ statusCode: 200, data: { status: 'checked_in', booking: BOOKING } }) });
    render(<CheckInPage />);
    fireEvent.change(screen.getByLabelText('预约码'), { target: { value: 'abcd2345' } });
    fireEvent.click(screen.getByTestId('check-in-submit'));
    await screen.findByTestId('check-in-ok');
    expect(JSON.parse(String(requests[0]!.data))).toEqual({ code: 'ABCD2345' });
  });

  it('turns away callers who are not staff', () => {
    render(<CheckInPage />);
    expect(screen.getByText('请先以工作人员身份登录')).toBeTruthy();
  });
});
