import { Text, View } from '@tarojs/components';
import { memo } from 'react';
import { SWEEP_SERVICE_LABELS } from '@/constants/sweep-labels';
import type { ProxySweepSummary } from '@/types/api';
import { graveTitle } from '@/utils/sweep-format';
import { SweepStatusTag } from '../SweepStatusTag';
import './index.scss';

export interface SweepCardProps {
  sweep: ProxySweepSummary;
  onOpen: (id: string) => void;
}

function SweepCardView({ sweep, onOpen }: SweepCardProps) {
  const flagged = (sweep.proofFlags?.length ?? 0) > 0;
  return (
    <View className='sweep-card' role='button' data-testid='sweep-card' data-sweep-id={sweep.id} onClick={() => onOpen(sweep.id)}>
      <View className='sweep-card__head'>
        <Text className='sweep-card__title'>{graveTitle(sweep)}</Text>
        <SweepStatusTag status={sweep.status} />
      </View>
      <Text className='muted'>
        {sweep.siteName} · 期望日期 {sweep.preferredDate}
      </Text>
      <Text className='muted'>{sweep.services.map((s) => SWEEP_SERVICE_LABELS[s]).join('、')}</Text>
      {flagged && <Text className='sweep-card__flag'>凭证待核实</Text>}
    </View>
  );
}

/** A proxy sweep request in a list (the family's requests, the staff queue). */
export const SweepCard = memo(SweepCardView);
