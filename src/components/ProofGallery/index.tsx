import { Image, Text, View } from '@tarojs/components';
import { PROOF_FLAG_LABELS, SWEEP_CHECKLIST, SWEEP_CHECKLIST_LABELS } from '@/constants/sweep-labels';
import type { SweepProof } from '@/types/api';
import { resolveApiPath } from '@/utils/api-url';
import { formatDistance } from '@/utils/geo';
import { formatDateTime } from '@/utils/sweep-format';
import './index.scss';

export interface ProofGalleryProps {
  proof: SweepProof;
  onPreview?: (urls: string[], current: string) => void;
}

/**
 * The proof of a completed sweep: the photos, when and how far from the grave they were taken, and the
 * "五个一" checklist. A flagged proof says so in plain words; nothing is hidden.
 */
export function ProofGallery({ proof, onPreview }: ProofGalleryProps) {
  const urls = proof.photos.map((p) => resolveApiPath(p.url));
  const flagged = proof.flags.length > 0;
  return (
    <View className='proof' data-testid='proof-gallery'>
      {flagged && (
        <View className='proof__flags' role='alert' data-testid='proof-flags'>
          <Text className='proof__flags-title'>凭证待核实</Text>
          {proof.flags.map((f) => (
            <Text key={f} className='proof__flag' data-flag={f}>
              · {PROOF_FLAG_LABELS[f]}
            </Text>
          ))}
        </View>
      )}
      <View className='proof__photos'>
        {urls.map((url, i) => (
          <Image
            key={proof.photos[i]!.id}
            className='proof__photo'
            src={url}
            mode='aspectFill'
            lazyLoad
            data-testid='proof-photo'
            aria-label={`现场照片 ${i + 1}`}
            onClick={() => onPreview?.(urls, url)}
          />
        ))}
      </View>
      <View className='proof__facts'>
        <Text className='proof__fact' data-testid='proof-taken-at'>
          拍摄时间：{formatDateTime(proof.takenAt)}
        </Text>
        <Text className={`proof__fact${proof.flags.includes('too_far') ? ' proof__fact--warn' : ''}`} data-testid='proof-distance'>
          拍摄地点距{proof.reference === 'grave' ? '墓位' : '纪念设施'}：{formatDistance(proof.distanceMeters) || '0 米'}
        </Text>
      </View>
      <View className='proof__checklist' data-testid='proof-checklist'>
        {SWEEP_CHECKLIST.map((item) => {
          const done = proof.checklist.includes(item);
          return (
            <Text key={item} className={`proof__check${done ? ' proof__check--done' : ''}`} data-item={item} data-done={done ? '1' : '0'}>
              {done ? '✓' : '—'} {SWEEP_CHECKLIST_LABELS[item]}
            </Text>
          );
        })}
      </View>
      {proof.note && <Text className='proof__note'>工作人员留言：{proof.note}</Text>}
    </View>
  );
}
