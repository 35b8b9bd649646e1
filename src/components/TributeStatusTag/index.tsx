import { Text } from '@tarojs/components';
import { TRIBUTE_STATUS_LABELS } from '@/constants/tribute-labels';
import type { TributeStatus } from '@/types/api';
import './index.scss';

/** 已展示 / 待审核 / 未通过 for the author's own tributes. */
export function TributeStatusTag({ status }: { status: TributeStatus }) {
  return (
    <Text className={`tag tribute-status tribute-status--${status}`} data-testid='tribute-status'>
      {TRIBUTE_STATUS_LABELS[status]}
    </Text>
  );
}
