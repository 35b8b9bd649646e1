import { Button, Text, View } from '@tarojs/components';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { TributeStatusTag } from '@/components/TributeStatusTag';
import { TRIBUTE_KIND_INFO } from '@/constants/tribute-labels';
import { useMyTributes } from '@/hooks/use-my-tributes';
import { useSession } from '@/hooks/use-session';
import { navigateTo, Routes } from '@/platform/navigation';
import type { MyTribute } from '@/types/api';
import { formatTributeTime } from '@/utils/tribute-time';
import './index.scss';

function openTarget(t: MyTribute): void {
  if (t.martyrId) navigateTo(Routes.martyr, { id: t.martyrId });
  else navigateTo(Routes.site, { id: t.siteId });
}

/** 我的祭扫: the user's own tributes, each message with its review state (待审核 / 已展示 / 未通过 and why). */
export default function MyTributesPage() {
  const session = useSession();
  const list = useMyTributes(!!session);
  const now = new Date();

  if (!session) {
    return (
      <PageShell className='my-tributes'>
        <StateView empty emptyText='登录后查看您的祭扫记录' />
        <View className='my-tributes__actions'>
          <Button className='btn btn--primary btn--block' onClick={() => navigateTo(Routes.my)}>
            去登录
          </Button>
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className='my-tributes'>
      <StateView loading={list.loading} error={list.error} onRetry={list.retry} empty={list.items.length === 0} emptyText='您还没有祭扫记录'>
        <View className='my-tributes__list'>
          {list.items.map((t) => (
            <View key={t.id} className='section my-tributes__item' data-testid='my-tribute' role='button' onClick={() => openTarget(t)}>
              <View className='my-tributes__head'>
                <Text className='my-tributes__kind'>
                  {TRIBUTE_KIND_INFO[t.kind].icon} {TRIBUTE_KIND_INFO[t.kind].label}
                </Text>
                {t.kind === 'message' && <TributeStatusTag status={t.status} />}
              </View>
              <Text className='muted'>
                {t.martyrName ? `${t.martyrName}烈士 · ${t.siteName}` : t.siteName} · {formatTributeTime(t.createdAt, now)}
              </Text>
              {t.message && <Text className='my-tributes__message'>{t.message}</Text>}
              {t.status === 'pending' && <Text className='muted'>审核通过后将公开展示，结果会通知您。</Text>}
              {t.status === 'rejected' && t.rejectReason && <Text className='my-tributes__reason'>未通过原因：{t.rejectReason}</Text>}
            </View>
          ))}
          {list.hasMore && (
            <Button className='btn btn--block my-tributes__more' loading={list.loadingMore || undefined} disabled={list.loadingMore || undefined} onClick={list.loadMore}>
              {list.loadingMore ? '加载中…' : '加载更多'}
            </Button>
          )}
        </View>
      </StateView>
    </PageShell>
  );
}
