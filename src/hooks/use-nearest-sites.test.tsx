import { renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { WUHAN_CENTER } from '@/constants/wuhan';
import { SITE_INDEX_KEY, type CachedSiteIndex } from '@/services/sites';
import { fakeStorage, jsonRoutes, offline, requests, taro } from '@/test/fake-taro';
import type { SiteSummary } from '@/types/api';
import { useLocation } from './use-location';
import { OFFLINE_NOTICE, useNearestSites, type NearestFilters } from './use-nearest-sites';

const SITES: SiteSummary[] = [
  {
    id: 's1',
    code: 'WH001',
    name: '武汉革命烈士陵园',
    level: 'provincial',
    category: 'cemetery',
    district: '武昌区',
    address: '解放路',
    location: { lat: 30.5516, lng: 114.3043 },
    distanceMeters: 4580,
    sample: true,
  },
  {
    id: 's2',
    code: 'WH002',
    name: '九峰山烈士陵园',
    level: 'municipal',
    category: 'cemetery',
    district: '洪山区',
    address: '九峰',
    location: { lat: 30.51, lng: 114.48 },
    distanceMeters: 19_300,
  },
];

function useHome(filters: NearestFilters = {}) {
  const location = useLocation();
  const nearest = useNearestSites(location.position, filters);
  return { location, nearest };
}

function cacheIndex(items: CachedSiteIndex['index']['items']) {
  const cached: CachedSiteIndex = { etag: '"v1"', index: { version: 'v1', items }, savedAt: Date.now() - 86_400_000 };
  fakeStorage.set(SITE_INDEX_KEY, JSON.stringify(cached));
}

describe('useNearestSites with useLocation', () => {
  it('when location is refused, measures from Wuhan city centre and says so', async () => {
    taro.getLocation.mockRejectedValue({ errMsg: 'getLocation:fail auth deny' });
    jsonRoutes({ '/sites': () => ({ statusCode: 200, data: { items: SITES } }) });

    const { result } = renderHook(() => useHome());
    await waitFor(() => expect(result.current.nearest.loading).toBe(false));

    expect(result.current.location.position).toEqual(WUHAN_CENTER);
    expect(result.current.location.source).toBe('fallback');
    expect(result.current.location.message).toContain('未获得定位授权');
    expect(result.current.location.message).toContain('武汉市中心');
    const url = new URL(requests[0]!.url, 'http://app.local');
    expect(url.searchParams.get('near')).toBe('30.592800,114.305500');
    expect(result.current.nearest.sites.map((s) => s.id)).toEqual(['s1', 's2']);
    expect(result.current.nearest.offline).toBe(false);
  });

  it('with a device position, asks the API near it and passes the filters', async () => {
    taro.getLocation.mockResolvedValue({ latitude: 30.6, longitude: 114.3 });
    jsonRoutes({ '/sites': () => ({ statusCode: 200, data: { items: SITES } }) });

    const { result } = renderHook(() => useHome({ level: 'provincial', openNow: true, q: '陵园' }));
    await waitFor(() => expect(result.current.nearest.loading).toBe(false));

    expect(result.current.location.message).toBeNull();
    const url = new URL(requests[0]!.url, 'http://app.local');
    expect(url.searchParams.get('near')).toBe('30.600000,114.300000');
    expect(url.searchParams.get('level')).toBe('provincial');
    expect(url.searchParams.get('openNow')).toBe('1');
    expect(url.searchParams.get('q')).toBe('陵园');
  });

  it('when the network fails, computes the nearest sites from the cached index and shows the offline notice', async () => {
    taro.getLocation.mockResolvedValue({ latitude: 30.5928, longitude: 114.3055 });
    cacheIndex([
      { id: 'far', name: '黄陂烈士陵园', level: 'county', category: 'cemetery', district: '黄陂区', lat: 30.88, lng: 114.37 },
      { id: 'near', name: '辛亥首义烈士陵园', level: 'national', category: 'monument', district: '武昌区', lat: 30.545, lng: 114.3 },
      { id: 'mid', name: '施洋烈士陵园', level: 'provincial', category: 'cemetery', district: '洪山区', lat: 30.53, lng: 114.36 },
    ]);
    offline();

    const { result } = renderHook(() => useHome());
    await waitFor(() => expect(result.current.nearest.loading).toBe(false));

    expect(result.current.nearest.error).toBeNull();
    expect(result.current.nearest.offline).toBe(true);
    expect(result.current.nearest.notice).toBe(OFFLINE_NOTICE);
    expect(result.current.nearest.sites.map((s) => s.id)).toEqual(['near', 'mid', 'far']);
    const distances = result.current.nearest.sites.map((s) => s.distanceMeters);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    expect(distances[0]).toBeGreaterThan(4000);
    expect(distances[0]).toBeLessThan(7000);
  });

  it('offline, still applies level, category, district and name, and says 开放中 cannot be applied', async () => {
    taro.getLocation.mockResolvedValue({ latitude: 30.5928, longitude: 114.3055 });
    cacheIndex([
      { id: 'a', name: '辛亥首义烈士陵园', level: 'national', category: 'monument', district: '武昌区', lat: 30.545, lng: 114.3 },
      { id: 'b', name: '施洋烈士陵园', level: 'provincial', category: 'cemetery', district: '洪山区', lat: 30.53, lng: 114.36 },
    ]);
    offline();

    const { result } = renderHook(() => useHome({ district: '洪山区', openNow: true, q: '施洋' }));
    await waitFor(() => expect(result.current.nearest.loading).toBe(false));

    expect(result.current.nearest.sites.map((s) => s.id)).toEqual(['b']);
    expect(result.current.nearest.notice).toContain(OFFLINE_NOTICE);
    expect(result.current.nearest.notice).toContain('开放状态');
  });

  it('when the network fails and nothing is cached, reports 网络不可用 and retries on request', async () => {
    taro.getLocation.mockResolvedValue({ latitude: 30.5928, longitude: 114.3055 });
    offline();

    const { result } = renderHook(() => useHome());
    await waitFor(() => expect(result.current.nearest.loading).toBe(false));
    expect(result.current.nearest.error?.message).toContain('网络不可用');
    expect(result.current.nearest.sites).toEqual([]);

    jsonRoutes({ '/sites': () => ({ statusCode: 200, data: { items: SITES } }) });
    result.current.nearest.retry();
    await waitFor(() => expect(result.current.nearest.sites).toHaveLength(2));
    expect(result.current.nearest.error).toBeNull();
  });

  it('recentres on a district picked by hand', async () => {
    taro.getLocation.mockRejectedValue({ errMsg: 'getLocation:fail system permission denied' });
    jsonRoutes({ '/sites': () => ({ statusCode: 200, data: { items: SITES } }) });

    const { result } = renderHook(() => useHome());
    await waitFor(() => expect(result.current.location.source).toBe('fallback'));
    result.current.location.pickDistrict('江夏区');
    await waitFor(() => expect(result.current.location.source).toBe('district'));
    await waitFor(() => expect(requests.length).toBe(2));

    expect(result.current.location.message).toBe('已按江夏区中心计算距离');
    const url = new URL(requests[1]!.url, 'http://app.local');
    expect(url.searchParams.get('near')).toBe('30.375100,114.321000');
  });
});

describe('useLocation relocate', () => {
  it('in WeChat, after a refusal, opens the settings page and then asks for the position again', async () => {
    vi.stubEnv('TARO_ENV', 'weapp');
    try {
      taro.getLocation.mockRejectedValueOnce({ errMsg: 'getLocation:fail auth deny' });
      taro.getLocation.mockResolvedValueOnce({ latitude: 30.6, longitude: 114.3 });
      taro.openSetting.mockClear();
      const { result } = renderHook(() => useLocation());
      await waitFor(() => expect(result.current.source).toBe('fallback'));

      result.current.relocate();
      await waitFor(() => expect(result.current.source).toBe('device'));
      expect(taro.openSetting).toHaveBeenCalledTimes(1);
      expect(result.current.position).toEqual({ lat: 30.6, lng: 114.3 });
      expect(result.current.message).toBeNull();
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
