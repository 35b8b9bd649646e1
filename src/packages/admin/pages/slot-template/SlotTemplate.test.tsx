import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { elderModeStore } from '@/stores/elder-mode';
import { sessionStore } from '@/stores/session';
import { jsonRoutes, requests, routerParams, type FakeRequest } from '@/test/fake-taro';
import type { SlotTemplateView } from '@/types/api';
import SlotTemplatePage from './index';

const PATH = '/admin/sites/s1/slot-template';
const TEMPLATE: SlotTemplateView = {
  siteId: 's1',
  weekdays: [2, 3, 4, 5, 6, 7],
  slots: [
    { start: '09:00', end: '10:00', capacity: 30 },
    { start: '10:00', end: '11:00', capacity: 30 },
  ],
  overrides: [],
  bookingWindowDays: 7,
  cancelCutoffMinutes: 60,
  maxCompanions: 4,
  group: { minDaysAhead: 5, maxPartySize: 50, windowDays: 30 },
  version: 2,
  updatedAt: '2026-03-01T00:00:00Z',
};

function signIn(roles: string[] = ['site_manager'], siteIds = ['s1']) {
  sessionStore.signIn({ token: 't', expiresIn: 3600, user: { id: 'u1', roles: roles as never, siteIds } });
  routerParams.siteId = 's1';
  routerParams.name = '九峰山烈士陵园';
}

const puts = () => requests.filter((r) => r.method === 'PUT').map((r) => JSON.parse(String(r.data)));

describe('预约时段 (slot template) page', () => {
  it('loads the template and saves a changed capacity, a new Saturday closure and the cut-off, keeping the group rules', async () => {
    signIn();
    jsonRoutes({
      [PATH]: (req: FakeRequest) =>
        req.method === 'GET' ? { statusCode: 200, data: TEMPLATE } : { statusCode: 200, data: { ...TEMPLATE, ...JSON.parse(String(req.data)), version: 3 } },
    });
    render(<SlotTemplatePage />);
    await waitFor(() => expect(screen.getByTestId('template-version').textContent).toContain('版本 2'));
    expect(screen.getAllByTestId('slot-row')).toHaveLength(2);

    fireEvent.input(screen.getByLabelText('第 2 个时段名额'), { target: { value: '45' } });
    fireEvent.click(screen.getByRole('checkbox', { name: '周二' }));
    fireEvent.input(screen.getByLabelText('取消截止（开始前分钟）'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: '添加特殊日期' }));
    fireEvent.input(screen.getByLabelText('第 1 个特殊日期'), { target: { value: '2026-04-04' } });
    fireEvent.click(screen.getByRole('checkbox', { name: '当天闭馆' }));
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    await waitFor(() => expect(screen.getByTestId('template-version').textContent).toContain('版本 3'));
    expect(puts()).toEqual([
      {
        weekdays: [3, 4, 5, 6, 7],
        slots: [
          { start: '09:00', end: '10:00', capacity: 30 },
          { start: '10:00', end: '11:00', capacity: 45 },
        ],
        overrides: [{ date: '2026-04-04', closed: true }],
        bookingWindowDays: 7,
        cancelCutoffMinutes: 30,
        maxCompanions: 4,
        group: { minDaysAhead: 5, maxPartySize: 50, windowDays: 30 },
      },
    ]);
  });

  it('shows the problems under the rows and sends nothing while the form is wrong', async () => {
    signIn();
    jsonRoutes({ [PATH]: () => ({ statusCode: 200, data: TEMPLATE }) });
    render(<SlotTemplatePage />);
    await waitFor(() => expect(screen.getAllByTestId('slot-row')).toHaveLength(2));
    fireEvent.input(screen.getByLabelText('第 2 个时段开始'), { target: { value: '09:30' } });
    fireEvent.input(screen.getByLabelText('第 1 个时段结束'), { target: { value: '25:00' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));

    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('第 1 个时段：结束时间应为 HH:MM（24 小时制）');
    expect(screen.getAllByText('第 1 个时段：结束时间应为 HH:MM（24 小时制）').length).toBeGreaterThanOrEqual(2);
    expect(puts()).toHaveLength(0);
  });

  it('when bookings stand in the way (409), says the template was not saved and why', async () => {
    signIn();
    const message = '2026-04-04 09:00 时段已有 12 人预约，不能把名额减到 5；请先处理这些预约（共 1 个时段）';
    jsonRoutes({
      [PATH]: (req: FakeRequest) => (req.method === 'GET' ? { statusCode: 200, data: TEMPLATE } : { statusCode: 409, data: { error: { code: 'CONFLICT', message } } }),
    });
    render(<SlotTemplatePage />);
    await waitFor(() => expect(screen.getAllByTestId('slot-row')).toHaveLength(2));
    fireEvent.input(screen.getByLabelText('第 1 个时段名额'), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe(`没有保存：${message}`);
    expect(screen.getByTestId('template-version').textContent).toContain('版本 2');
  });

  it('for a site without a template, offers a suggested week and creates it on save', async () => {
    signIn(['admin'], []);
    jsonRoutes({
      [PATH]: (req: FakeRequest) =>
        req.method === 'GET'
          ? { statusCode: 404, data: { error: { code: 'NOT_FOUND', message: '该纪念设施尚未设置预约时段' } } }
          : { statusCode: 200, data: { ...TEMPLATE, ...JSON.parse(String(req.data)), version: 1 } },
    });
    render(<SlotTemplatePage />);
    expect((await screen.findByTestId('template-empty')).textContent).toContain('尚未开放预约');
    expect(screen.getAllByTestId('slot-row')).toHaveLength(4);
    fireEvent.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(() => expect(screen.getByTestId('template-version').textContent).toContain('版本 1'));
    expect(puts()[0]).not.toHaveProperty('group');
  });

  it('shows staff the template read-only, without a save button', async () => {
    signIn(['staff'], ['s1']);
    jsonRoutes({ [PATH]: () => ({ statusCode: 200, data: TEMPLATE }) });
    render(<SlotTemplatePage />);
    await waitFor(() => expect(screen.getAllByTestId('slot-row')).toHaveLength(2));
    expect(screen.queryByRole('button', { name: '保存' })).toBeNull();
    expect(screen.queryByRole('button', { name: '添加时段' })).toBeNull();
    expect((screen.getByLabelText('第 1 个时段名额') as HTMLInputElement).disabled).toBe(true);
  });

  it('offers 重试 when loading fails, and loads on retry', async () => {
    signIn();
    let fail = true;
    jsonRoutes({ [PATH]: () => (fail ? { statusCode: 503, data: { error: { code: 'UNAVAILABLE', message: '服务暂时不可用' } } } : { statusCode: 200, data: TEMPLATE }) });
    render(<SlotTemplatePage />);
    expect((await screen.findByRole('alert')).textContent).toContain('服务暂时不可用');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: '重试' }));
    await waitFor(() => expect(screen.getAllByTestId('slot-row')).toHaveLength(2));
  });

  it('asks a signed-out visitor to sign in, and follows 长辈模式', async () => {
    elderModeStore.set(true);
    const { container } = render(<SlotTemplatePage />);
    expect(screen.getByText('请先以工作人员身份登录')).toBeTruthy();
    expect(container.querySelector('.page--elder')).not.toBeNull();
    expect(requests).toHaveLength(0);
  });
});
