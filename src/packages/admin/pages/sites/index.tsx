import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { CATEGORY_LABELS, LEVEL_LABELS } from '@/constants/labels';
import { useSession } from '@/hooks/use-session';
import { navigateTo, redirectTo, Routes } from '@/platform/navigation';
import { signOut } from '@/services/auth';
import { isStaff } from '@/stores/session';
import type { SiteStatus } from '@/types/api';
import { useMySites } from '../../hooks/use-my-sites';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

const STATUS_LABELS: Record<SiteStatus, string> = { draft: '草稿', published: '已发布', closed: '已关闭' };
const ROLE_LABELS: Record<string, string> = { admin: '管理员（全市）', site_manager: '设施管理员', staff: '工作人员' };

/** The staff member's own sites, from GET /me and GET /sites/:id. */
export default function MySitesPage() {
  const session = useSession();
  const staff = isStaff(session);
  const mine = useMySites(staff);

  if (!staff) {
    return <SignInGate className='my-sites' actionsClassName='my-sites__actions' />;
  }

  const data = mine.data;
  return (
    <PageShell className='my-sites'>
      <StateView loading={mine.loading} error={mine.error} onRetry={mine.retry} empty={!data}>
        {data && (
          <>
            <View className='section'>
              <Text className='section__title'>{data.me.username ?? '工作人员'}</Text>
              <Text className='muted'>{data.me.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}</Text>
              {data.me.roles.includes('admin') && (
                <Text className='muted my-sites__note'>全市管理员可管理所有设施；以下为分配给您的设施。</Text>
              )}
            </View>
            {data.sites.length === 0 && data.missing.length === 0 ? (
              <StateView empty emptyText='还没有分配给您的纪念设施' />
            ) : (
              <View className='my-sites__list'>
                {data.sites.map((site) => (
                  <View
                    key={site.id}
                    className='section my-sites__item'
                    role='button'
                    onClick={() => navigateTo(Routes.site, { id: site.id })}
                  >
                    <Text className='my-sites__name'>{site.name}</Text>
                    <View className='my-sites__meta'>
                      <Text className='tag'>{STATUS_LABELS[site.status] ?? site.status}</Text>
                      <Text className='muted'>
                        {LEVEL_LABELS[site.level]} · {CATEGORY_LABELS[site.category]} · {site.district}
                      </Text>
                    </View>
                    <Text className='muted'>
                      编号 {site.code} · 版本 {site.version} · 英名录 {site.martyrCount} 人
                    </Text>
                    {site.bookable && (
                      <View className='my-sites__bookings'>
                        <Button
                          className='btn'
                          data-testid='booking-day-link'
                          onClick={(e) => {
                            e.stopPropagation();
                            navigateTo(Routes.adminBookingDay, { siteId: site.id, name: site.name });
                          }}
                        >
                          预约日表
                        </Button>
                        <Button
                          className='btn'
                          data-testid='assisted-booking-link'
                          onClick={(e) => {
                            e.stopPropagation();
                            navigateTo(Routes.adminAssistedBooking, { siteId: site.id, name: site.name });
                          }}
                        >
                          代客预约
                        </Button>
                      </View>
                    )}
                    {session?.user.roles.some((r) => r === 'admin' || r === 'site_manager') && (
                      <Button
                        className='btn my-sites__notice'
                        onClick={(e) => {
                          e.stopPropagation();
                          navigateTo(Routes.adminNotice, { siteId: site.id, name: site.name });
                        }}
                      >
                        发布公告
                      </Button>
                    )}
                  </View>
                ))}
                {data.missing.length > 0 && (
                  <Text className='muted my-sites__note'>另有 {data.missing.length} 处设施暂时无法读取（可能未发布或已删除）。</Text>
                )}
              </View>
            )}
          </>
        )}
      </StateView>
      <View className='my-sites__actions'>
        <Button className='btn btn--primary btn--block' data-testid='records-link' onClick={() => navigateTo(Routes.adminRecords)}>
          设施档案与巡查
        </Button>
        <Button className='btn btn--primary btn--block' data-testid='check-in-link' onClick={() => navigateTo(Routes.adminCheckIn)}>
          预约核验（扫码）
        </Button>
        <Button className='btn btn--primary btn--block' data-testid='sweep-queue-link' onClick={() => navigateTo(Routes.adminSweeps)}>
          代祭扫工单
        </Button>
        {session?.user.roles.some((r) => r === 'admin' || r === 'site_manager') && (
          <Button className='btn btn--primary btn--block' data-testid='review-queue-link' onClick={() => navigateTo(Routes.adminTributes)}>
            寄语审核
          </Button>
        )}
        <Button
          className='btn btn--block'
          onClick={() => {
            signOut();
            redirectTo(Routes.adminLogin);
          }}
        >
          退出登录
        </Button>
      </View>
    </PageShell>
  );
}
