import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const load = vi.fn();
vi.mock('@amap/amap-jsapi-loader', () => ({ load }));

async function freshLoader() {
  vi.resetModules();
  return (await import('./amap')).loadAmap;
}

beforeEach(() => {
  load.mockReset();
  vi.stubEnv('TARO_ENV', 'h5');
  vi.stubEnv('TARO_APP_AMAP_KEY', 'test-key');
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
});

describe('loadAmap', () => {
  it('loads AMap once and shares the answer between callers', async () => {
    const ns = { Map: class {}, Marker: class {}, LngLat: class {} };
    load.mockResolvedValue(ns);
    const loadAmap = await freshLoader();
    const [a, b] = await Promise.all([loadAmap(), loadAmap()]);
    expect(a).toBe(ns);
    expect(b).toBe(ns);
    expect(load).toHaveBeenCalledTimes(1);
    expect(load.mock.calls[0]![0]).toMatchObject({ key: 'test-key', version: '2.0' });
  });

  it('turns the script error Event the loader rejects with into an Error', async () => {
    load.mockRejectedValue(new Event('error'));
    const loadAmap = await freshLoader();
    const err = await loadAmap().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toContain('高德地图脚本加载失败');
  });

  it('gives up after its own timeout when the script download hangs, without calling load again', async () => {
    vi.useFakeTimers();
    load.mockImplementation(() => new Promise(() => undefined));
    const loadAmap = await freshLoader();
    const pending = loadAmap().catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(8_500);
    expect(((await pending) as Error).message).toBe('高德地图加载超时');
    await expect(loadAmap()).rejects.toThrow('高德地图加载超时');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('does not touch the loader without a key', async () => {
    vi.stubEnv('TARO_APP_AMAP_KEY', '');
    const loadAmap = await freshLoader();
    await expect(loadAmap()).rejects.toThrow('未配置高德地图');
    expect(load).not.toHaveBeenCalled();
  });
});
