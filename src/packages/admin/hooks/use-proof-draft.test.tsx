import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { sessionStore } from '@/stores/session';
import { taro } from '@/test/fake-taro';
import { useProofDraft } from './use-proof-draft';

const UPLOAD_ID = 'c'.repeat(24);

function signIn() {
  sessionStore.signIn({ token: 'staff-token', expiresIn: 3600, user: { id: 's1', roles: ['staff'], siteIds: ['x'] } });
}

describe('useProofDraft', () => {
  it('takes a photo, uploads it with the staff token and records where it was taken; the body carries time, place and checklist', async () => {
    signIn();
    taro.chooseImage.mockResolvedValue({ tempFiles: [{ path: 'wxfile://tmp/1.jpg', size: 120_000 }] });
    taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify({ id: UPLOAD_ID, url: `/api/v1/files/${UPLOAD_ID}?exp=1&sig=x` }) });
    taro.getLocation.mockResolvedValue({ latitude: 30.5442, longitude: 114.3601 });
    const { result } = renderHook(() => useProofDraft());
    expect(result.current.toBody()).toBeNull();

    const before = Date.now();
    await act(() => result.current.capture());
    expect(taro.chooseImage).toHaveBeenCalledWith(expect.objectContaining({ sourceType: ['camera'] }));
    const upload = taro.uploadFile.mock.calls[0]![0];
    expect(upload).toMatchObject({ filePath: 'wxfile://tmp/1.jpg', name: 'file', header: { Authorization: 'Bearer staff-token' } });
    expect(upload.url).toMatch(/\/uploads$/);
    expect(result.current.photos[0]).toMatchObject({ uploadId: UPLOAD_ID, uploading: false, location: { lat: 30.5442, lng: 114.3601 } });

    act(() => result.current.toggle('phone_family'));
    act(() => result.current.setNote('  已宣读寄语  '));
    const body = result.current.toBody()!;
    expect(body).toMatchObject({ photos: [UPLOAD_ID], location: { lat: 30.5442, lng: 114.3601 }, note: '已宣读寄语' });
    expect(body.checklist).toEqual(['take_photos', 'wipe_headstone', 'lay_flowers', 'message_card', 'phone_family']);
    expect(Date.parse(body.takenAt)).toBeGreaterThanOrEqual(before - 5);
  });

  it('without a position, keeps the photo but asks to allow location, and offers no body to submit', async () => {
    signIn();
    taro.chooseImage.mockResolvedValue({ tempFiles: [{ path: 'wxfile://tmp/2.jpg', size: 1000 }] });
    taro.uploadFile.mockResolvedValue({ statusCode: 201, data: JSON.stringify({ id: UPLOAD_ID }) });
    taro.getLocation.mockRejectedValue({ errMsg: 'getLocation:fail auth deny' });
    const { result } = renderHook(() => useProofDraft());
    await act(() => result.current.capture());
    expect(result.current.photos).toHaveLength(1);
    expect(result.current.locationProblem).toMatch(/允许定位/);
    expect(result.current.toBody()).toBeNull();
  });

  it('shows the server’s reason when an upload is refused (e.g. 413), and ignores a cancelled camera', async () => {
    signIn();
    const { result } = renderHook(() => useProofDraft());
    await act(() => result.current.capture());
    expect(result.current.photos).toHaveLength(0);

    taro.chooseImage.mockResolvedValue({ tempFiles: [{ path: 'wxfile://tmp/3.jpg', size: 6_000_000 }] });
    taro.uploadFile.mockResolvedValue({ statusCode: 413, data: JSON.stringify({ error: { code: 'PAYLOAD_TOO_LARGE', message: '文件不能超过 5 MB' } }) });
    taro.getLocation.mockResolvedValue({ latitude: 30.5, longitude: 114.3 });
    await act(() => result.current.capture());
    expect(result.current.photos[0]).toMatchObject({ uploading: false, error: '文件不能超过 5 MB' });
    expect(result.current.toBody()).toBeNull();
  });
});
