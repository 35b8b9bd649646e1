import { Text, View } from '@tarojs/components';
import { stopPullDownRefresh, useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { SweepCard } from '@/components/SweepCard';
import { useSession } from '@/hooks/use-session';
import { usePagedList } from '@/hooks/use-paged-list';
import { navigateTo, Routes } from '@/platform/navigation';
import { listSweepQueue } from '@/services/proxy-sweeps';
import { isStaff } from '@/stores/session';
import type { SweepStatus } from '@/types/api';
import { LoadMore } from '@/components/LoadMore';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

interface Tab {
  key: string;
  label: string;
  status?: SweepStatus;
  assigned?: 'me';
}

const TABS: readonly Tab[] = [
  { key: 'submitted', label: '待受理', status: 'submitted' },
  { key: 'mine', label: '我的任务', assigned: 'me' },
  { key: 'accepted', label: '已受理', status: 'accepted' },
  { key: 'in_progress', label: '祭扫中', status: 'in_progress' },
  { key: 'completed', label: '待家属确认', status: 'completed' },
  { key: 'all', label: '全部' },
];

/** The proxy-sweep queue of the staff member's sites, by preferred date. */
export default function SweepQueuePage() {
  const session = useSession();
  const staff = isStaff(session);
  const [tab, setTab] = useState<Tab>(TABS[0]!);
  const load = useCallback((cursor?: string) => listSweepQueue({ status: tab.status, assigned: tab.assigned, cursor }), [tab]);
  const list = usePagedList(load, [tab.key], staff);
  useDidShow(list.reload);
  usePullDownRefresh(() => {
    list.reload();
    void stopPullDownRefresh();
  });

  if (!staff) {
    return <SignInGate className='sweep-queue' actionsClassName='form-actions' />;
  }

  return (
    <PageShell className='sweep-queue'>
      <View className='tabs' role='tablist'>
        {TABS.map((t) => (
          <View
            key={t.key}
            className={`toggle${t.key === tab.key ? ' toggle--on' : ''}`}
            role='tab'
            aria-selected={t.key === tab.key}
            data-testid={`queue-tab-${t.key}`}
            onClick={() => setTab(t)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>
      <StateView loading={list.loading} error={list.error} onRetry={list.retry} empty={list.items.length === 0} emptyText='暂无工单'>
        {list.items.map((s) => (
          <SweepCard key={s.id} sweep={s} onOpen={(id) => navigateTo(Routes.adminSweep, { id })} />
        ))}
        <LoadMore list={list} wrapClassName='form-actions' />
      </StateView>
    </PageShell>
  );
}
