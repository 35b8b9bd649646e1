import { Button, Image, ScrollView, Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { MartyrList } from '@/components/MartyrList';
import { PageShell } from '@/components/PageShell';
import { RouteTabs } from '@/components/RouteTabs';
import { SampleDataBadge } from '@/components/SampleDataBadge';
import { SearchBox } from '@/components/SearchBox';
import { StateView } from '@/components/StateView';
import { TributeSection } from '@/components/TributeSection';
import { CATEGORY_LABELS, LEVEL_LABELS } from '@/constants/labels';
import { useFollow } from '@/hooks/use-follow';
import { useLocation } from '@/hooks/use-location';
import { useRoute } from '@/hooks/use-route';
import { useSiteDetail } from '@/hooks/use-site-detail';
import { useSiteMartyrs } from '@/hooks/use-site-martyrs';
import { useSiteNotices } from '@/hooks/use-site-notices';
import { useSession } from '@/hooks/use-session';
import { useTributes } from '@/hooks/use-tributes';
import { makePhoneCall } from '@/platform/device';
import { openLocation } from '@/platform/map';
import { navigateTo, Routes, setPageTitle, usePageParams } from '@/platform/navigation';
import { showToast } from '@/platform/ui';
import type { OpeningHours, RouteMode, SiteDetail } from '@/types/api';
import { amapMarkerUrl } from '@/utils/amap-uri';
import { photoUrl } from '@/utils/photo-url';
import './index.scss';

const WEEKDAYS = ['', '周一', '周二', '周三', '周四', '周五', '周六', '周日'];

function hoursText(hours: OpeningHours): string {
  const parts = [`${hours.open}–${hours.close}`];
  if (hours.closedWeekdays?.length) parts.push(`${hours.closedWeekdays.map((d) => WEEKDAYS[d] ?? '').join('、')}闭馆`);
  if (hours.note) parts.push(hours.note);
  return parts.join('；');
}

function NavigateButton({ site }: { site: SiteDetail }) {
  if (process.env.TARO_ENV === 'h5') {
    return (
      <a
        className='btn btn--primary btn--block site-detail__navigate'
        href={amapMarkerUrl(site.location, site.name)}
        target='_blank'
        rel='noopener noreferrer'
      >
        导航（高德地图）
      </a>
    );
  }
  return (
    <Button
      className='btn btn--primary btn--block site-detail__navigate'
      onClick={() => openLocation(site.location, site.name, site.address).catch(() => showToast('无法打开地图'))}
    >
      导航
    </Button>
  );
}

/** One memorial site: facts, visiting information, the route from the user, navigation and the martyrs' names. */
export default function SitePage() {
  const { id } = usePageParams();
  const detail = useSiteDetail(id);
  const site = detail.data;
  const location = useLocation();
  const [mode, setMode] = useState<RouteMode>('walking');
  const route = useRoute(site?.id, location.position, mode);
  const [q, setQ] = useState('');
  const martyrs = useSiteMartyrs(site?.id, q);
  const session = useSession();
  const target = site ? ({ type: 'site', id: site.id } as const) : undefined;
  const tributes = useTributes(target);
  const follow = useFollow(target, !!session);
  const notices = useSiteNotices(site?.id);

  useEffect(() => {
    if (site) setPageTitle(site.name);
  }, [site]);

  if (!id) {
    return (
      <PageShell>
        <StateView empty emptyText='未指定纪念设施' />
      </PageShell>
    );
  }

  const originNote =
    location.source === 'fallback'
      ? '从武汉市中心出发计算（未获得您的位置）'
      : location.source === 'district'
        ? `从${location.district}中心出发计算`
        : null;

  return (
    <PageShell className='site-detail'>
      <StateView loading={detail.loading} error={detail.error} onRetry={detail.retry} empty={!site}>
        {site && (
          <>
            <View className='section site-detail__head'>
              <Text className='site-detail__name'>{site.name}</Text>
              <View className='site-detail__tags'>
                <Text className='tag'>{LEVEL_LABELS[site.level] ?? site.level}</Text>
                <Text className='tag'>{CATEGORY_LABELS[site.category] ?? site.category}</Text>
                {site.openNow === true && <Text className='tag tag--ok'>开放中</Text>}
                {site.openNow === false && <Text className='tag'>当前闭馆</Text>}
                {site.status === 'closed' && <Text className='tag'>暂停开放</Text>}
                {site.sample && <SampleDataBadge />}
              </View>
              <View className='site-detail__stats'>
                <Text>英名录 {site.martyrCount} 人</Text>
                <Text>祭扫 {site.tributeCount} 次</Text>
              </View>
            </View>

            <View className='section'>
              <View className='site-detail__row'>
                <Text className='site-detail__label'>地址</Text>
                <Text className='site-detail__value'>
                  {site.district} {site.address}
                </Text>
              </View>
              <View className='site-detail__row'>
                <Text className='site-detail__label'>开放时间</Text>
                <Text className='site-detail__value'>{site.openingHours ? hoursText(site.openingHours) : '暂无信息'}</Text>
              </View>
              {site.phone && (
                <View className='site-detail__row'>
                  <Text className='site-detail__label'>电话</Text>
                  <Text className='site-detail__value'>{site.phone}</Text>
                  <Button
                    className='btn site-detail__call'
                    onClick={() => makePhoneCall(site.phone as string).catch(() => showToast('无法拨打电话'))}
                  >
                    拨打
                  </Button>
                </View>
              )}
              {site.bookable && site.status === 'published' && (
                <Button
                  className='btn btn--primary btn--block site-detail__book'
                  data-testid='book-visit'
                  onClick={() => navigateTo(Routes.booking, { siteId: site.id })}
                >
                  预约祭扫
                </Button>
              )}
              <Button
                className='btn btn--block site-detail__sweep'
                data-testid='request-sweep'
                onClick={() => navigateTo(Routes.familyRequest, { siteId: site.id })}
              >
                申请代祭扫（家属不能前往时）
              </Button>
            </View>

            <View className='section'>
              <Text className='section__title'>路线</Text>
              <RouteTabs
                mode={mode}
                onModeChange={setMode}
                route={route.data}
                loading={route.loading || location.locating}
                error={route.error}
                onRetry={route.retry}
                originNote={originNote}
              />
              <View className='site-detail__nav'>
                <NavigateButton site={site} />
              </View>
            </View>

            {site.photos.length > 0 && (
              <View className='section'>
                <Text className='section__title'>图片</Text>
                <ScrollView scrollX className='site-detail__photos'>
                  {site.photos.map((p, i) => (
                    <Image
                      key={p}
                      className='site-detail__photo'
                      src={photoUrl(p)}
                      mode='aspectFill'
                      lazyLoad
                      aria-label={`${site.name} 图片 ${i + 1}`}
                    />
                  ))}
                </ScrollView>
              </View>
            )}

            {notices.data && notices.data.items.length > 0 && (
              <View className='section' data-testid='site-notices'>
                <Text className='section__title'>公告</Text>
                {notices.data.items.map((n) => (
                  <View key={n.id} className='site-detail__row'>
                    <Text className='site-detail__value'>
                      {n.title}：{n.body}
                    </Text>
                  </View>
                ))}
              </View>
            )}

            <TributeSection
              targetName={site.name}
              tributes={tributes}
              follow={follow}
              signedIn={!!session}
              onSignIn={() => navigateTo(Routes.my)}
              open={site.status === 'published'}
              showMartyr
            />

            {site.intro && (
              <View className='section'>
                <Text className='section__title'>简介</Text>
                <Text className='site-detail__text' userSelect>
                  {site.intro}
                </Text>
              </View>
            )}

            {site.visitorNotice && (
              <View className='section'>
                <Text className='section__title'>参观须知</Text>
                <Text className='site-detail__text'>{site.visitorNotice}</Text>
              </View>
            )}

            <View className='section'>
              <Text className='section__title'>英名录（{site.martyrCount} 人）</Text>
              <SearchBox value={q} placeholder='搜索烈士姓名' onSearch={setQ} />
              <StateView
                loading={martyrs.loading}
                error={martyrs.error}
                onRetry={martyrs.retry}
                empty={martyrs.items.length === 0}
                emptyText={q ? `没有找到“${q}”` : '暂无英名录'}
              >
                <MartyrList
                  items={martyrs.items}
                  hasMore={martyrs.hasMore}
                  loadingMore={martyrs.loadingMore}
                  onOpen={(martyrId) => navigateTo(Routes.martyr, { id: martyrId })}
                  onLoadMore={martyrs.loadMore}
                />
              </StateView>
            </View>
          </>
        )}
      </StateView>
    </PageShell>
  );
}
