import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/stores/session';
import { jsonRoutes, offline, pullDown, requests, routerParams, showPage, taro, type FakeRequest } from '@/test/fake-taro';
import type { ProxySweepDetail, SweepActionName, SweepHistoryEntry, SweepStatus } from '@/types/api';
import SweepJobPage from './index';

const ME = { id: 'st1', role: 'staff' as const, name: 'staff1' };
const COLLEAGUE = { id: 'st2', role: 'staff' as const, name: 'staff2' };
const MANAGER = { id: 'mg1', role: 'staff' as const, name: 'manager1' };
const FAMILY = { id: 'f1', role: 'family' as const };
const UPLOAD_ID = 'c'.repeat(24);

let clock = Date.parse('2026-04-03T01:00:00Z');
function step(status: SweepStatus, actor: SweepHistoryEntry['actor']): SweepHistoryEntry {
  clock += 60_000;
  return { status, at: new Date(clock).toISOString(), actor };
}

/** The request as the server answers it to the signed-in staff member (its `actions` are theirs). */
function job(history: SweepHistoryEntry[], actions: SweepActionName[], extra: Partial<ProxySweepDetail> = {}): ProxySweepDetail {
  const last = history[history.length - 1]!;
  return {
    id: 'sw1',
    status: last.status,
    siteId: 's1',
    siteName: '九峰山烈士陵园',
    martyrId: 'm1',
    martyrName: '张某甲',
    services: ['clean_headstone', 'offer_flowers'],
    preferredDate: '2026-04-04',
    message: '爷爷，家里一切都好',
    relationship: '孙子女',
    contactPhone: '139****5678',
    createdAt: history[0]!.at,
    updatedAt: last.at,
    history,
    actions,
    ...extra,
  };
}

/** Assigned to the signed-in staff member. */
const MINE = { assignee: { id: ME.id, name: ME.name } };

const submitted = () => [step('submitted', FAMILY)];
const acceptedByMe = () => [...submitted(), step('accepted', ME)];
const startedByMe = () => [...acceptedByMe(), step('in_progress', ME)];

/** A fresh copy, as each answer off the network is. */
const wire = <T,>(value: T): T => structuredClone(value);

/** The server side of one job: GET answers what `server.sweep` is now; complete moves it on from in_progress only. */
function serve(initial: ProxySweepDetail) {
  const server = { sweep: initial, completions: [] as unknown[] };
  jsonRoutes({
    '/proxy-sweeps/sw1': () => ({ statusCode: 200, data: wire(server.sweep) }),
    '/admin/proxy-sweeps/sw1/complete': (req: FakeRequest) => {
      if (server.sweep.status !== 'in_progress') {
        return { statusCode: 409, data: { error: { code: 'CONFLICT', message: '该申请当前状态为“已完成”，不能完成' } } };
      }
      const body = JSON.parse(String(req.data));
      server.completions.push(body);
      server.sweep = completedBy(ME, server.sweep.history, body.checklist);
      return { statusCode: 200, data: wire(server.sweep) };
    },
  });
  return server;
}

function completedBy(actor: SweepHistoryEntry['actor'], history: SweepHistoryEntry[], checklist = ['take_photos']): ProxySweepDetail {
  return job([...history, step('completed', actor)], [], {
    ...MINE,
    proof: {
      photos: [{ id: UPLOAD_ID, url: `/api/v1/files/${UPLOAD_ID}?sig=x` }],
      takenAt: new Date(clock).toISOString(),
      location: { lat: 30.5442, lng: 114.3601 },
      distanceMeters: 12,
      reference: 'grave',
      flags: [],
      checklist: checklist as never,
      submittedAt: new Date(clock).toISOString(),
    },
  });
}

function signInAsStaff() {
  sessionStore.signIn({ token: 'staff-token', expiresIn: 3600, user: { id: ME.id, roles: ['staff'], siteIds: ['s1'] } });
  routerParams.id = 'sw1';
}

/** The camera as WeChat runs it: the page is hidden while it is open and shown again when it hands the photo back. */
function cameraHidesThePage() {
  taro.chooseImage.mockImplementation(async () => {
    showPage();
    return { tempFiles: [{ path: 'wxfile://tmp/grave.jpg', size: 120_000 }] };
  });
  taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify({ id: UPLOAD_ID, url: `/api/v1/files/${UPLOAD_ID}?sig=x` }) });
  taro.getLocation.mockResolvedValue({ latitude: 30.5442, longitude: 114.3601 });
}

const status = () => screen.getAllByTestId('sweep-status')[0]!.textContent;
const steps = () => [...screen.getByTestId('sweep-timeline').children].map((s) => s.getAttribute('data-status'));
const ticked = () => screen.getAllByRole('checkbox').filter((c) => c.getAttribute('aria-checked') === 'true').map((c) => c.getAttribute('data-testid'));
const gets = () => requests.filter((r) => r.method === 'GET').length;

/** At the grave: a photo taken (with its place, uploaded), 敬献鲜花 unticked, 拨打家属电话 ticked and a note. */
async function proofInProgress() {
  fireEvent.click(await screen.findByTestId('take-photo'));
  await screen.findByText('已记录位置');
  fireEvent.click(screen.getByTestId('check-lay_flowers'));
  fireEvent.click(screen.getByTestId('check-phone_family'));
  fireEvent.change(screen.getByLabelText('留言'), { target: { value: '鲜花已售罄，改献花篮' } });
}

/** The job started by the signed-in staff member, the page open on it and a proof in progress. */
async function atTheGrave() {
  signInAsStaff();
  cameraHidesThePage();
  const server = serve(job(startedByMe(), ['complete'], MINE));
  render(<SweepJobPage />);
  await proofInProgress();
  return server;
}

const PROOF_TICKS = ['check-wipe_headstone', 'check-take_photos', 'check-message_card', 'check-phone_family'];

describe('代祭扫工单 (staff job page) shown again', () => {
  it('reads the job again when the camera hands the photo back, keeping the photo, ticks and note, and completes with them', async () => {
    const server = await atTheGrave();
    await waitFor(() => expect(gets()).toBe(2));
    expect(status()).toBe('祭扫中');
    expect(screen.getAllByTestId('captured-photo')).toHaveLength(1);

    // Back from the family's call in another app: read again, nothing of the proof lost.
    act(() => showPage());
    await waitFor(() => expect(gets()).toBe(3));
    expect(screen.getAllByTestId('captured-photo')).toHaveLength(1);
    expect(screen.getByText('已记录位置')).toBeTruthy();
    expect(ticked()).toEqual(PROOF_TICKS);
    expect((screen.getByLabelText('留言') as HTMLTextAreaElement).value).toBe('鲜花已售罄，改献花篮');
    expect(screen.queryByTestId('job-gone')).toBeNull();

    fireEvent.click(screen.getByTestId('complete-sweep'));
    await waitFor(() => expect(status()).toBe('待确认'));
    expect(server.completions).toEqual([
      expect.objectContaining({ photos: [UPLOAD_ID], checklist: ['take_photos', 'wipe_headstone', 'message_card', 'phone_family'], note: '鲜花已售罄，改献花篮' }),
    ]);
    // Their own completion is no loss: no warning.
    expect(screen.queryByTestId('job-gone')).toBeNull();
  });

  it('when a manager completed the job meanwhile, shows it done by them, offers no submit and says the photo taken will not be submitted', async () => {
    const server = await atTheGrave();

    server.sweep = completedBy(MANAGER, server.sweep.history);
    act(() => showPage());
    await waitFor(() => expect(status()).toBe('待确认'));
    expect(steps()).toEqual(['submitted', 'accepted', 'in_progress', 'completed']);
    expect(screen.getByTestId('job-gone').textContent).toBe('该工单已由工作人员「manager1」完成，无需再提交凭证。您已拍摄的 1 张照片不会提交。');
    expect(screen.queryByTestId('complete-sweep')).toBeNull();
    expect(screen.getByTestId('proof-gallery')).toBeTruthy();
    expect(server.completions).toEqual([]);
  });

  it('when the family cancelled an accepted job, says so in Chinese and takes away 开始 and the half-written 退回', async () => {
    signInAsStaff();
    const server = serve(job(acceptedByMe(), ['start', 'reject'], MINE));
    render(<SweepJobPage />);
    await screen.findByTestId('start-sweep');
    fireEvent.click(screen.getByText('无法受理'));
    fireEvent.change(screen.getByLabelText('原因'), { target: { value: '当天大雨' } });

    server.sweep = job([...server.sweep.history, step('cancelled', FAMILY)], [], { ...MINE, cancelReason: '家中已自行安排' });
    act(() => showPage());
    await waitFor(() => expect(status()).toBe('已取消'));
    expect(screen.getByTestId('job-gone').textContent).toBe('家属已取消这次代祭扫申请（家中已自行安排），无需再前往祭扫。');
    expect(screen.getByTestId('job-gone').getAttribute('role')).toBe('alert');
    expect(screen.queryByTestId('start-sweep')).toBeNull();
    expect(screen.queryByText('确认退回')).toBeNull();
    expect(steps()).toEqual(['submitted', 'accepted', 'cancelled']);
  });

  it('when another staff member accepted the job first, pulling down says who took it and offers no 受理', async () => {
    signInAsStaff();
    const server = serve(job(submitted(), ['accept', 'reject']));
    render(<SweepJobPage />);
    await screen.findByTestId('accept-sweep');

    server.sweep = job([...server.sweep.history, step('accepted', COLLEAGUE)], [], { assignee: { id: COLLEAGUE.id, name: COLLEAGUE.name } });
    act(() => pullDown());
    await waitFor(() => expect(status()).toBe('已受理'));
    expect(screen.getByTestId('job-gone').textContent).toBe('该工单已改由工作人员「staff2」执行，您无需再处理。');
    expect(screen.queryByTestId('accept-sweep')).toBeNull();
    expect(screen.getByText('执行人：staff2')).toBeTruthy();
  });

  it('when a submit is refused because the job moved on (409), reads it again and says why', async () => {
    const server = await atTheGrave();

    server.sweep = completedBy(MANAGER, server.sweep.history);
    fireEvent.click(screen.getByTestId('complete-sweep'));
    await waitFor(() => expect(screen.getByTestId('job-gone').textContent).toContain('该工单已由工作人员「manager1」完成'));
    expect(screen.getByText('该申请当前状态为“已完成”，不能完成')).toBeTruthy();
    expect(status()).toBe('待确认');
    expect(screen.queryByTestId('complete-sweep')).toBeNull();
  });

  it('when reading again fails (no signal at the grave), keeps the job and the proof on screen and says it could not refresh', async () => {
    await atTheGrave();

    offline();
    act(() => showPage());
    await screen.findByText(/未能读取工单的最新状态/);
    expect(status()).toBe('祭扫中');
    expect(screen.getAllByTestId('captured-photo')).toHaveLength(1);
    expect(ticked()).toEqual(PROOF_TICKS);
    expect(screen.getByTestId('complete-sweep')).toBeTruthy();
  });

  it('a read that answers after the completion does not bring the finished job back', async () => {
    const server = await atTheGrave();

    // The page is shown again on a slow line: this read is answered only after the completion.
    const before = server.sweep;
    let answerLate!: () => void;
    jsonRoutes({
      '/proxy-sweeps/sw1': () => ({ statusCode: 200, data: wire(before) }),
      '/admin/proxy-sweeps/sw1/complete': () => ({ statusCode: 200, data: completedBy(ME, before.history) }),
    });
    const routes = taro.request.getMockImplementation()!;
    taro.request.mockImplementationOnce((opts) => new Promise((resolve) => (answerLate = () => resolve(routes(opts)))));
    act(() => showPage());
    fireEvent.click(screen.getByTestId('complete-sweep'));
    await waitFor(() => expect(status()).toBe('待确认'));

    await act(async () => answerLate());
    expect(status()).toBe('待确认');
    expect(screen.getByTestId('proof-gallery')).toBeTruthy();
    expect(screen.queryByTestId('complete-sweep')).toBeNull();
  });
});
