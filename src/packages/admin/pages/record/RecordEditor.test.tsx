import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/stores/session';
import { jsonRoutes, requests, routerParams, type FakeRequest } from '@/test/fake-taro';
import RecordPage from './index';

const SITE = {
  id: 's1',
  code: 'WH-1',
  name: '九峰山烈士陵园',
  level: 'provincial',
  category: 'cemetery',
  district: '洪山区',
  city: '武汉',
  address: '九峰乡',
  location: { lat: 30.5431, lng: 114.3587 },
  coordSystem: 'gcj02',
  status: 'published',
  phone: '027-11112222',
  photos: [],
  bookable: false,
  martyrCount: 0,
  tributeCount: 0,
  version: 1,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};

function signInManager() {
  sessionStore.signIn({ token: 't', expiresIn: 3600, user: { id: 'u1', roles: ['site_manager'], siteIds: ['s1'] } });
}

function phoneInput(): HTMLInputElement {
  return screen.getByLabelText('电话') as HTMLInputElement;
}

describe('设施档案 editor', () => {
  it('saves an edited phone with the loaded version in If-Match and shows the new version', async () => {
    signInManager();
    routerParams.id = 's1';
    let patched: FakeRequest | undefined;
    jsonRoutes({
      '/admin/sites/s1': (req) => {
        if (req.method === 'GET') return { statusCode: 200, data: SITE };
        patched = req;
        return { statusCode: 200, data: { ...SITE, phone: '027-33334444', version: 2 } };
      },
    });
    render(<RecordPage />);
    await waitFor(() => expect(phoneInput().value).toBe('027-11112222'));

    fireEvent.input(phoneInput(), { target: { value: '027-33334444' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(screen.getByTestId('record-version').textContent).toContain('版本 2'));
    expect(patched!.header['If-Match']).toBe('"1"');
    expect(JSON.parse(String(patched!.data))).toEqual({ phone: '027-33334444' });
  });

  it('when someone saved first (409), says the edit was not saved and reloads the latest on request', async () => {
    signInManager();
    routerParams.id = 's1';
    let gets = 0;
    jsonRoutes({
      '/admin/sites/s1': (req) => {
        if (req.method === 'GET') {
          gets++;
          return { statusCode: 200, data: gets === 1 ? SITE : { ...SITE, phone: '027-99990000', version: 2 } };
        }
        return { statusCode: 409, data: { error: { code: 'CONFLICT', message: '该纪念设施已被他人修改（当前版本 2），请刷新后再编辑', details: { currentVersion: 2 } } } };
      },
    });
    render(<RecordPage />);
    await waitFor(() => expect(phoneInput().value).toBe('027-11112222'));
    fireEvent.input(phoneInput(), { target: { value: '027-55556666' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('已被他人修改');
    expect(alert.textContent).toContain('您的修改没有保存');
    fireEvent.click(screen.getByRole('button', { name: '重新加载最新内容' }));
    await waitFor(() => expect(phoneInput().value).toBe('027-99990000'));
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  it('asks before moving a site more than 3 km and sends nothing when declined', async () => {
    signInManager();
    routerParams.id = 's1';
    jsonRoutes({ '/admin/sites/s1': () => ({ statusCode: 200, data: SITE }) });
    const { taro } = await import('@/test/fake-taro');
    taro.showModal.mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    render(<RecordPage />);
    await waitFor(() => expect(phoneInput().value).toBe('027-11112222'));
    fireEvent.input(screen.getByLabelText('纬度'), { target: { value: '30.60' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(taro.showModal).toHaveBeenCalled());
    expect(JSON.stringify(taro.showModal.mock.calls.at(-1))).toContain('公里');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('已取消保存'));
    expect(requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);
  });
});
