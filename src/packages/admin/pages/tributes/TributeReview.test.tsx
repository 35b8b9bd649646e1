import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/stores/session';
import { jsonRoutes, requests, type FakeRequest } from '@/test/fake-taro';
import TributeReviewPage from './index';

const HELD = {
  id: 'a1',
  kind: 'message',
  message: '加我微信 abc12345',
  siteId: 's1',
  siteName: '测试烈士陵园',
  status: 'pending',
  createdAt: new Date().toISOString(),
  moderation: { reasons: [{ code: 'wechat_id', match: '微信 abc12345' }] },
};

function signIn(roles: string[]) {
  sessionStore.signIn({ token: 't', expiresIn: 3600, user: { id: 'u1', roles: roles as never, siteIds: ['s1'] } });
}

describe('寄语审核 (admin subpackage)', () => {
  it('lists held messages with why they were held, approves one and rejects another with a reason', async () => {
    signIn(['site_manager']);
    const second = { ...HELD, id: 'a2', message: '傻逼' };
    jsonRoutes({
      '/admin/tributes': () => ({ statusCode: 200, data: { items: [HELD, second] } }),
      '/admin/tributes/a1/approve': () => ({ statusCode: 200, data: { id: 'a1', status: 'published' } }),
      '/admin/tributes/a2/reject': (req: FakeRequest) => {
        expect(JSON.parse(String(req.data))).toEqual({ reason: '含有不文明用语' });
        return { statusCode: 200, data: { id: 'a2', status: 'rejected' } };
      },
    });
    render(<TributeReviewPage />);
    const items = await screen.findAllByTestId('review-item');
    expect(items).toHaveLength(2);
    expect(items[0]!.textContent).toContain('微信/QQ 号「微信 abc12345」');
    expect(requests[0]!.url).toContain('status=pending');

    fireEvent.click(screen.getAllByRole('button', { name: '通过' })[0]!);
    await waitFor(() => expect(screen.getAllByTestId('tribute-status')[0]!.textContent).toBe('已展示'));

    fireEvent.click(screen.getAllByRole('button', { name: '驳回' })[0]!);
    const confirm = screen.getByRole('button', { name: '确认驳回' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('驳回理由'), { target: { value: '含有不文明用语' } });
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.getAllByTestId('tribute-status')[1]!.textContent).toBe('未通过'));
  });

  it('shows the server’s refusal (another site) and changes nothing', async () => {
    signIn(['site_manager']);
    jsonRoutes({
      '/admin/tributes': () => ({ statusCode: 200, data: { items: [HELD] } }),
      '/admin/tributes/a1/approve': () => ({ statusCode: 403, data: { error: { code: 'FORBIDDEN', message: '无权管理该纪念设施' } } }),
    });
    render(<TributeReviewPage />);
    fireEvent.click(await screen.findByRole('button', { name: '通过' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('无权管理该纪念设施'));
    expect(screen.getByTestId('tribute-status').textContent).toBe('待审核');
  });

  it('turns away citizens and staff without a manager role', () => {
    signIn(['staff']);
    render(<TributeReviewPage />);
    expect(screen.getByText('仅管理员和纪念设施管理员可以审核寄语')).toBeTruthy();
    expect(requests).toHaveLength(0);
  });
});
