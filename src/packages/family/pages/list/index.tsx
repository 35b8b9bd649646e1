import { Button, Text, View } from '@tarojs/components';
import { usePullDownRefresh, useDidShow, stopPullDownRefresh } from '@tarojs/taro';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { SweepCard } from '@/components/SweepCard';
import { useSession } from '@/hooks/use-session';
import { usePagedList } from '@/hooks/use-paged-list';
import { navigateTo, Routes } from '@/platform/navigation';
import { listMySweeps } from '@/services/proxy-sweeps';
import { LoadMore } from '@/components/LoadMore';
import { SignInPrompt } from '../../components/SignInPrompt';
import './index.scss';

/** 我的代祭扫: the family's requests, newest first; each opens its timeline and proof. */
export default function MySweepsPage() {
  const session = useSession();
  const list = usePagedList(listMySweeps, [session?.user.id], !!session);
  useDidShow(list.reload);
  usePullDownRefresh(() => {
    list.reload();
    void stopPullDownRefresh();
  });

  if (!session) {
    return (
      <PageShell className='family'>
        <SignInPrompt />
      </PageShell>
    );
  }

  return (
    <PageShell className='family my-sweeps'>
      <View className='form-actions'>
        <Button className='btn btn--primary btn--block' data-testid='new-sweep' onClick={() => navigateTo(Routes.familyRequest)}>
          申请代祭扫
        </Button>
      </View>
      <StateView loading={list.loading} error={list.error} onRetry={list.retry} empty={list.items.length === 0} emptyText='还没有代祭扫申请'>
        {list.items.map((s) => (
          <SweepCard key={s.id} sweep={s} onOpen={(id) => navigateTo(Routes.familySweep, { id })} />
        ))}
        <LoadMore list={list} wrapClassName='form-actions' />
      </StateView>
      <View className='form-actions'>
        <Text className='muted'>每一步进展都会通过消息通知您。</Text>
      </View>
    </PageShell>
  );
}
