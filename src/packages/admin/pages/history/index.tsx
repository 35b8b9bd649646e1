import { Text, View } from '@tarojs/components';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { usePagedList } from '@/hooks/use-paged-list';
import { useSession } from '@/hooks/use-session';
import { setPageTitle, usePageParams } from '@/platform/navigation';
import { getAuditLog, getSiteHistory } from '@/services/site-admin';
import { isStaff } from '@/stores/session';
import { LoadMore } from '@/components/LoadMore';
import { actionLabel, changeLines, formatTime } from '../../utils/history-format';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

/** A site's change history (`?id=`), or, for admins without an id, the whole operation log. */
export default function HistoryPage() {
  const { id, name } = usePageParams();
  const session = useSession();
  const staff = isStaff(session);
  const list = usePagedList((cursor) => (id ? getSiteHistory(id, cursor) : getAuditLog({ cursor })), [id], staff);
  if (name) setPageTitle(`${name} · 修改历史`);
  else if (!id) setPageTitle('操作日志');

  if (!staff) {
    return <SignInGate className='console' />;
  }

  return (
    <PageShell className='console'>
      <StateView loading={list.loading} error={list.error} onRetry={list.retry} empty={list.items.length === 0} emptyText='还没有修改记录'>
        {list.items.map((entry) => {
          const lines = changeLines(entry);
          return (
            <View key={entry.id} className='section console__item' data-testid='history-item'>
              <View className='console__row'>
                <Text className='tag'>{actionLabel(entry.action)}</Text>
                <Text className='muted'>
                  {formatTime(entry.at)} · {entry.actor.name}
                </Text>
              </View>
              {lines.map((line) => (
                <Text key={line} className='history__change'>
                  {line}
                </Text>
              ))}
              {entry.note && <Text className='muted'>{entry.note}</Text>}
            </View>
          );
        })}
        <LoadMore list={list} />
      </StateView>
    </PageShell>
  );
}
