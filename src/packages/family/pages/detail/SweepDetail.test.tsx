import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/stores/session';
import { jsonRoutes, offline, pullDown, requests, routerParams, showPage } from '@/test/fake-taro';
import type { ProxySweepDetail, SweepHistoryEntry } from '@/types/api';
import SweepDetailPage from './index';

const SUBMITTED: SweepHistoryEntry = { status: 'submitted', at: '2026-04-01T01:00:00Z', actor: { id: 'f', role: 'family' } };
const ACCEPTED: SweepHistoryEntry = { status: 'accepted', from: 'submitted', at: '2026-04-01T02:00:00Z', actor: { id: 's', role: 'staff', name: 'staff1' } };
const STARTED: SweepHistoryEntry = { status: 'in_progress', from: 'accepted', at: '2026-04-01T03:00:00Z', actor: { id: 's', role: 'staff', name: 'staff1' } };

function sweep(history: SweepHistoryEntry[]): ProxySweepDetail {
  return {
    id: 'sw1',
    status: history[history.length - 1]!.status,
    siteId: 's1',
    siteName: '九峰山烈士陵园',
    martyrId: 'm1',
    martyrName: '张某甲',
    services: ['clean_headstone'],
    preferredDate: '2026-04-04',
    relationship: '孙子女',
    contactPhone: '139****5678',
    createdAt: SUBMITTED.at,
    updatedAt: history[history.length - 1]!.at,
    history,
    actions: history.length === 1 ? ['cancel'] : [],
  };
}

function steps(): string[] {
  return [...screen.getByTestId('sweep-timeline').children].map((s) => s.getAttribute('data-status')!);
}

describe('代祭扫详情 (family)', () => {
  it('reads the request again when shown again or pulled down, so the timeline follows the staff', async () => {
    sessionStore.signIn({ token: 't', expiresIn: 3600, user: { id: 'f', roles: [], siteIds: [] } });
    routerParams.id = 'sw1';
    const answers = [sweep([SUBMITTED]), sweep([SUBMITTED, ACCEPTED]), sweep([SUBMITTED, ACCEPTED, STARTED])];
    jsonRoutes({ '/proxy-sweeps/sw1': () => ({ statusCode: 200, data: answers[Math.min(requests.length - 1, answers.length - 1)] }) });

    render(<SweepDetailPage />);
    await waitFor(() => expect(steps()).toEqual(['submitted']));
    expect(screen.getByTestId('sweep-status').textContent).toBe('已提交');
    expect(requests).toHaveLength(1);

    // The family was in another app while staff accepted; back on the page it says so.
    act(() => showPage());
    await waitFor(() => expect(steps()).toEqual(['submitted', 'accepted']));
    expect(screen.getAllByTestId('sweep-status')[0]!.textContent).toBe('已受理');
    expect(screen.getByTestId('sweep-timeline').textContent).toContain('工作人员 staff1');
    expect(screen.queryByText('取消申请')).toBeNull();

    act(() => pullDown());
    await waitFor(() => expect(steps()).toEqual(['submitted', 'accepted', 'in_progress']));
    expect(screen.getAllByTestId('sweep-status')[0]!.textContent).toBe('祭扫中');
    expect(requests).toHaveLength(3);
  });

  it('keeps the request on screen when reading it again fails (weak signal), says so, and catches up on pull-down', async () => {
    sessionStore.signIn({ token: 't', expiresIn: 3600, user: { id: 'f', roles: [], siteIds: [] } });
    routerParams.id = 'sw1';
    jsonRoutes({ '/proxy-sweeps/sw1': () => ({ statusCode: 200, data: sweep([SUBMITTED, ACCEPTED]) }) });
    render(<SweepDetailPage />);
    await waitFor(() => expect(steps()).toEqual(['submitted', 'accepted']));

    offline();
    act(() => showPage());
    await screen.findByText(/未能读取申请的最新进展/);
    expect(steps()).toEqual(['submitted', 'accepted']);
    expect(screen.getAllByTestId('sweep-status')[0]!.textContent).toBe('已受理');

    jsonRoutes({ '/proxy-sweeps/sw1': () => ({ statusCode: 200, data: sweep([SUBMITTED, ACCEPTED, STARTED]) }) });
    act(() => pullDown());
    await waitFor(() => expect(steps()).toEqual(['submitted', 'accepted', 'in_progress']));
    expect(screen.queryByText(/未能读取申请的最新进展/)).toBeNull();
  });

  it('asks a visitor who is not signed in to sign in, and reads nothing', async () => {
    routerParams.id = 'sw1';
    render(<SweepDetailPage />);
    act(() => showPage());
    act(() => pullDown());
    expect(screen.getByTestId('sign-in-prompt').textContent).toContain('请先登录后再申请或查看代祭扫');
    expect(requests).toHaveLength(0);
  });
});
