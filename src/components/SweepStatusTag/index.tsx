import { Text } from '@tarojs/components';
import { SWEEP_STATUS_LABELS } from '@/constants/sweep-labels';
import type { SweepStatus } from '@/types/api';
import './index.scss';

/** The state of a proxy sweep as a coloured tag. */
export function SweepStatusTag({ status }: { status: SweepStatus }) {
  return (
    <Text className={`sweep-status sweep-status--${status}`} data-testid='sweep-status' data-status={status}>
      {SWEEP_STATUS_LABELS[status]}
    </Text>
  );
}
