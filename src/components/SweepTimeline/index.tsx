import { Text, View } from '@tarojs/components';
import { SWEEP_STATUS_LABELS } from '@/constants/sweep-labels';
import type { SweepHistoryEntry } from '@/types/api';
import { formatDateTime } from '@/utils/sweep-format';
import './index.scss';

const STEP_TEXT: Record<SweepHistoryEntry['status'], string> = {
  submitted: '提交申请',
  accepted: '纪念设施受理',
  in_progress: '开始祭扫',
  completed: '完成祭扫并上传凭证',
  confirmed: '家属确认',
  rejected: '未能受理',
  cancelled: '申请已取消',
};

function who(entry: SweepHistoryEntry): string {
  if (entry.actor.role === 'family') return '家属';
  return entry.actor.name ? `工作人员 ${entry.actor.name}` : '工作人员';
}

/** Every step a request went through, oldest first, with who and when. */
export function SweepTimeline({ history }: { history: readonly SweepHistoryEntry[] }) {
  return (
    <View className='sweep-timeline' data-testid='sweep-timeline'>
      {history.map((entry, i) => (
        <View key={`${entry.status}-${entry.at}`} className={`sweep-timeline__step${i === history.length - 1 ? ' sweep-timeline__step--last' : ''}`} data-status={entry.status}>
          <View className='sweep-timeline__dot' />
          <View className='sweep-timeline__body'>
            <Text className='sweep-timeline__title'>
              {STEP_TEXT[entry.status]}
              <Text className='muted'>（{SWEEP_STATUS_LABELS[entry.status]}）</Text>
            </Text>
            <Text className='muted sweep-timeline__meta'>
              {formatDateTime(entry.at)} · {who(entry)}
            </Text>
            {entry.note && <Text className='sweep-timeline__note'>{entry.note}</Text>}
          </View>
        </View>
      ))}
    </View>
  );
}
