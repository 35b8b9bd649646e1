import { Button, Text, View } from '@tarojs/components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { DistrictPicker } from '@/components/DistrictPicker';
import { FilterBar, type SiteFilterValue } from '@/components/FilterBar';
import { MapView, type MapSite } from '@/components/MapView';
import { Notice } from '@/components/Notice';
import { PageShell } from '@/components/PageShell';
import { SampleDataBadge } from '@/components/SampleDataBadge';
import { SearchBox } from '@/components/SearchBox';
import { SiteList } from '@/components/SiteList';
import { StateView } from '@/components/StateView';
import { useLocation } from '@/hooks/use-location';
import { useNearestSites } from '@/hooks/use-nearest-sites';
import { useSiteIndex } from '@/hooks/use-site-index';
import { disposeBootList } from '@/platform/boot';
import { navigateTo, Routes } from '@/platform/navigation';
import './index.scss';

/** Home: where the nearest memorials are, on a map and as a list ordered by distance. */
export default function IndexPage() {
  const location = useLocation();
  const [filters, setFilters] = useState<SiteFilterValue>({});
  const [q, setQ] = useState('');
  const nearest = useNearestSites(location.position, { ...filters, q });
  const index = useSiteIndex();

  // The page's early list (H5, src/boot) stays until this page shows its own list, error or empty state.
  const settled = !location.locating && !nearest.loading;
  useEffect(() => {
    if (settled) disposeBootList();
  }, [settled]);

  const openSite = useCallback((id: string) => navigateTo(Routes.site, { id }), []);

  // The map shows every published site (the index); without it, the sites of the list.
  const mapSites = useMemo<MapSite[]>(
    () =>
      index.items.length
        ? index.items
        : nearest.sites.map((s) => ({ id: s.id, name: s.name, lat: s.location.lat, lng: s.location.lng })),
    [index.items, nearest.sites],
  );
  const hasSample = nearest.sites.some((s) => s.sample);
  const centerLabel =
    location.source === 'device' ? '您的位置' : location.source === 'district' ? `${location.district}中心` : '武汉市中心';

  return (
    <PageShell className='home'>
      <SearchBox value={q} placeholder='搜索纪念设施名称' onSearch={setQ} />

      {location.message && (
        <View className='home__location' data-testid='location-fallback'>
          <Notice>{location.message}</Notice>
          <View className='home__location-actions'>
            <DistrictPicker value={location.district} onPick={location.pickDistrict} />
            <Button className='btn' onClick={location.relocate}>
              重新定位
            </Button>
          </View>
        </View>
      )}
      {nearest.notice && (
        <Notice className='home__offline'>
          <Text data-testid='offline-notice'>{nearest.notice}</Text>
        </Notice>
      )}
      {hasSample && (
        <View className='home__sample'>
          <SampleDataBadge />
          <Text className='muted'>当前展示的是用于体验的示例数据</Text>
        </View>
      )}

      {location.position ? (
        <MapView
          sites={mapSites}
          center={location.position}
          centerLabel={centerLabel}
          centerIsDevice={location.source === 'device'}
          nearestId={nearest.sites[0]?.id}
          onSelect={openSite}
        />
      ) : (
        <View className='home__locating'>
          <Text className='muted'>正在获取您的位置…</Text>
        </View>
      )}

      <FilterBar value={filters} onChange={setFilters} />

      <View className='home__list-head'>
        <Text className='section__title'>离{centerLabel}最近的纪念设施</Text>
      </View>
      <StateView
        loading={location.locating || nearest.loading}
        loadingText={location.locating ? '正在定位…' : '正在查找附近的纪念设施…'}
        error={nearest.error}
        onRetry={nearest.retry}
        empty={nearest.sites.length === 0}
        emptyText={q || Object.values(filters).some(Boolean) ? '没有符合条件的纪念设施，请调整筛选或搜索条件' : '附近暂无纪念设施'}
      >
        <SiteList sites={nearest.sites} onOpen={openSite} highlightFirst />
      </StateView>
    </PageShell>
  );
}
