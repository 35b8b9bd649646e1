import { afterEach, describe, expect, it, vi } from 'vitest';
import { taro } from '@/test/fake-taro';
import { haversineMeters } from '@/utils/geo';
import { getCurrentPosition, LocationError } from './location';

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('getCurrentPosition', () => {
  it('in WeChat asks for GCJ-02 and uses it as it is', async () => {
    vi.stubEnv('TARO_ENV', 'weapp');
    taro.getLocation.mockResolvedValue({ latitude: 30.55, longitude: 114.3 });
    await expect(getCurrentPosition()).resolves.toEqual({ lat: 30.55, lng: 114.3 });
    expect(taro.getLocation.mock.calls[0]![0]).toMatchObject({ type: 'gcj02' });
  });

  it('on H5 asks for WGS-84 (all Taro H5 supports) and converts it to GCJ-02', async () => {
    vi.stubEnv('TARO_ENV', 'h5');
    taro.getLocation.mockResolvedValue({ latitude: 30.5928, longitude: 114.3055 });
    const point = await getCurrentPosition();
    expect(taro.getLocation.mock.calls[0]![0]).toMatchObject({ type: 'wgs84' });
    const moved = haversineMeters({ lat: 30.5928, lng: 114.3055 }, point);
    expect(moved).toBeGreaterThan(300);
    expect(moved).toBeLessThan(800);
  });

  it('reports a refused permission as denied', async () => {
    taro.getLocation.mockRejectedValue({ errMsg: 'getLocation:fail auth deny' });
    const err = await getCurrentPosition().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LocationError);
    expect((err as LocationError).reason).toBe('denied');
  });

  it('gives up with a timeout when the device never answers', async () => {
    vi.useFakeTimers();
    try {
      taro.getLocation.mockImplementation(() => new Promise(() => undefined));
      const pending = getCurrentPosition().catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(12_000);
      const err = await pending;
      expect((err as LocationError).reason).toBe('timeout');
    } finally {
      vi.useRealTimers();
    }
  });
});
