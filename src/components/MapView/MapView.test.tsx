import { render, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MapView } from '.';

const load = vi.fn();
vi.mock('@amap/amap-jsapi-loader', () => ({ load }));

const center = { lat: 30.5928, lng: 114.3055 };
const sites = [
  { id: 'near', name: '辛亥首义烈士陵园', lat: 30.545, lng: 114.3 },
  { id: 'far', name: '施洋烈士陵园', lat: 30.53, lng: 114.36 },
];

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('MapView on H5', () => {
  it('without an AMap key draws the sites around the centre, the nearest named', () => {
    vi.stubEnv('TARO_ENV', 'h5');
    vi.stubEnv('TARO_APP_AMAP_KEY', '');
    const { container, getByText } = render(
      <MapView sites={sites} center={center} centerLabel='武汉市中心' centerIsDevice={false} nearestId='near' onSelect={() => undefined} />,
    );
    expect(container.querySelectorAll('.drawn-map__site')).toHaveLength(2);
    expect(container.querySelector('.drawn-map__site--nearest')?.textContent).toBe('辛亥首义烈士陵园');
    expect(getByText('武汉市中心')).toBeTruthy();
    expect(load).not.toHaveBeenCalled();
  });

  it('when AMap cannot load, falls back to the drawn map instead of an empty box', async () => {
    vi.stubEnv('TARO_ENV', 'h5');
    vi.stubEnv('TARO_APP_AMAP_KEY', 'test-key');
    load.mockRejectedValue(new Event('error'));
    const { container } = render(
      <MapView sites={sites} center={center} centerLabel='您的位置' centerIsDevice nearestId='near' onSelect={() => undefined} />,
    );
    expect(container.querySelector('[data-testid=drawn-map]')).toBeTruthy();
    await waitFor(() => expect(load).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 0));
    expect(container.querySelector('[data-testid=drawn-map]')).toBeTruthy();
    expect(container.querySelector('[data-testid=amap]')).toBeNull();
  });
});
