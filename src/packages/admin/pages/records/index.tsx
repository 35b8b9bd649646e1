import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { SearchBox } from '@/components/SearchBox';
import { StateView } from '@/components/StateView';
import { CATEGORY_LABELS, LEVEL_LABELS } from '@/constants/labels';
import { useAsync } from '@/hooks/use-async';
import { usePagedList } from '@/hooks/use-paged-list';
import { useSession } from '@/hooks/use-session';
import { navigateTo, Routes } from '@/platform/navigation';
import { listAdminSites, listOverdue } from '@/services/site-admin';
import { isStaff } from '@/stores/session';
import type { SiteStatus } from '@/types/api';
import { LoadMore } from '@/components/LoadMore';
import { formatTime } from '../../utils/history-format';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

const STATUS_LABELS: Record<SiteStatus, string> = { draft: '草稿', published: '已发布', closed: '已关闭' };
type Tab = 'all' | 'overdue';

/** The sites the staff member looks after (admins: all), searchable, and the graves overdue for a patrol. */
export default function RecordsPage() {
  const session = useSession();
  const staff = isStaff(session);
  const roles = session?.user.roles ?? [];
  const admin = roles.includes('admin');
  const [q, setQ] = useState('');
  const [tab, setTab] = useState<Tab>('all');
  const list = usePagedList((cursor) => listAdminSites({ q: q || undefined, cursor }), [q], staff && tab === 'all');
  const overdue = useAsync(() => listOverdue(90), [tab], staff && tab === 'overdue');

  if (!staff) {
    return <SignInGate className='console' />;
  }

  return (
    <PageShell className='console'>
      <View className='console__bar'>
        {admin && (
          <Button className='btn btn--primary' onClick={() => navigateTo(Routes.adminRecord)}>
            新建设施
          </Button>
        )}
        {admin && (
          <Button className='btn' onClick={() => navigateTo(Routes.adminImport)}>
            批量导入
          </Button>
        )}
        {(admin || roles.includes('site_manager')) && (
          <Button className='btn' onClick={() => navigateTo(Routes.adminStats)}>
            统计
          </Button>
        )}
        {admin && (
          <Button className='btn' onClick={() => navigateTo(Routes.adminStaff)}>
            账号管理
          </Button>
        )}
        {admin && (
          <Button className='btn' onClick={() => navigateTo(Routes.adminHistory)}>
            操作日志
          </Button>
        )}
      </View>
      <View className='console__tabs' role='tablist'>
        {(['all', 'overdue'] as const).map((t) => (
          <View key={t} role='tab' aria-selected={tab === t} className={`console__tab ${tab === t ? 'console__tab--on' : ''}`} onClick={() => setTab(t)}>
            {t === 'all' ? '全部档案' : '待巡查'}
          </View>
        ))}
      </View>
      {tab === 'all' ? (
        <>
          <SearchBox value={q} placeholder='按名称搜索' onSearch={setQ} />
          <StateView loading={list.loading} error={list.error} onRetry={list.retry} empty={list.items.length === 0} emptyText={q ? '没有找到匹配的设施' : '还没有可管理的设施'}>
            {list.items.map((site) => (
              <View key={site.id} className='section console__item' role='button' data-testid='record-item' onClick={() => navigateTo(Routes.adminRecord, { id: site.id })}>
                <Text className='console__name'>{site.name}</Text>
                <View className='console__row'>
                  <Text className='tag'>{STATUS_LABELS[site.status]}</Text>
                  <Text className='muted'>
                    {LEVEL_LABELS[site.level]} · {CATEGORY_LABELS[site.category]} · {site.district}
                  </Text>
                </View>
                <Text className='muted'>
                  编号 {site.code} · 版本 {site.version} · 更新于 {formatTime(site.updatedAt)}
                </Text>
              </View>
            ))}
            <LoadMore list={list} />
          </StateView>
        </>
      ) : (
        <StateView loading={overdue.loading} error={overdue.error} onRetry={overdue.retry} empty={!overdue.data?.items.length} emptyText='所有零散烈士墓都在 90 天内巡查过'>
          <Text className='console__hint'>90 天内未巡查的零散烈士墓，从未巡查的排在最前。</Text>
          {overdue.data?.items.map((s) => (
            <View key={s.id} className='section console__item' role='button' data-testid='overdue-item' onClick={() => navigateTo(Routes.adminPatrol, { siteId: s.id, name: s.name })}>
              <Text className='console__name'>{s.name}</Text>
              <Text className={s.daysSince === undefined ? 'console__flag' : 'muted'}>
                {s.daysSince === undefined ? '从未巡查' : `已 ${s.daysSince} 天未巡查（上次 ${formatTime(s.lastPatrolAt!)}）`}
              </Text>
              <Text className='muted'>
                {s.district} · 编号 {s.code}
              </Text>
            </View>
          ))}
        </StateView>
      )}
    </PageShell>
  );
}
