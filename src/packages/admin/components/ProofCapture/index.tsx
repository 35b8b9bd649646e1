import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import { SWEEP_CHECKLIST, SWEEP_CHECKLIST_LABELS } from '@/constants/sweep-labels';
import type { SweepChecklistItem } from '@/types/api';
import type { ProofDraft } from '../../hooks/use-proof-draft';
import './index.scss';

export interface ProofCaptureProps {
  draft: ProofDraft;
  submitting: boolean;
  onSubmit: () => void;
}

/**
 * The completion form: photos taken on the spot (each with its time and place, uploaded at once),
 * the "五个一" checklist and a note. The server measures the distance to the grave.
 */
export function ProofCapture({ draft, submitting, onSubmit }: ProofCaptureProps) {
  const { photos, checklist, note } = draft;
  const ready = photos.some((p) => p.uploadId && p.location) && !photos.some((p) => p.uploading);
  return (
    <View className='section proof-capture' data-testid='proof-capture'>
      <Text className='section__title'>完成祭扫</Text>
      <Text className='muted'>请在墓前拍照：拍摄时间和位置会一并记录，并与墓位位置核对。</Text>

      <View className='proof-capture__photos'>
        {photos.map((p) => (
          <View key={p.key} className='proof-capture__photo' data-testid='captured-photo'>
            <Image className='proof-capture__image' src={p.path} mode='aspectFill' />
            <Text className={`proof-capture__state${p.error ? ' proof-capture__state--bad' : ''}`}>
              {p.uploading ? '上传中…' : p.error ? p.error : p.location ? '已记录位置' : '未获取到位置'}
            </Text>
            <View className='proof-capture__remove' role='button' aria-label='删除照片' onClick={() => draft.remove(p.key)}>
              <Text>×</Text>
            </View>
          </View>
        ))}
      </View>
      <Button className='btn btn--block' data-testid='take-photo' disabled={photos.length >= 9} onClick={() => void draft.capture()}>
        拍照（{photos.length}/9）
      </Button>
      {draft.locationProblem && <Text className='proof-capture__warn'>{draft.locationProblem}</Text>}

      <Text className='form-label'>“五个一”完成情况</Text>
      <View className='toggles'>
        {SWEEP_CHECKLIST.map((item: SweepChecklistItem) => {
          const on = item === 'take_photos' || checklist.includes(item);
          return (
            <View
              key={item}
              className={`toggle${on ? ' toggle--on' : ''}`}
              role='checkbox'
              aria-checked={on}
              data-testid={`check-${item}`}
              onClick={() => item !== 'take_photos' && draft.toggle(item)}
            >
              <Text>{on ? '✓ ' : ''}{SWEEP_CHECKLIST_LABELS[item]}</Text>
            </View>
          );
        })}
      </View>

      <Text className='form-label'>留言（选填）</Text>
      <Textarea className='textarea' value={note} maxlength={200} placeholder='给家属的话，或需要说明的情况' aria-label='留言' onInput={(e) => draft.setNote(e.detail.value)} />

      <Button
        className='btn btn--primary btn--block proof-capture__submit'
        data-testid='complete-sweep'
        loading={submitting}
        disabled={!ready || submitting}
        onClick={onSubmit}
      >
        提交凭证并完成
      </Button>
    </View>
  );
}
