import { Button, Image, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { usePagedList } from '@/hooks/use-paged-list';
import { useSession } from '@/hooks/use-session';
import { useSubmit } from '@/hooks/use-submit';
import { getCurrentPosition } from '@/platform/location';
import { takePhoto } from '@/platform/media';
import { setPageTitle, usePageParams } from '@/platform/navigation';
import { showToast } from '@/platform/ui';
import { listPatrols, logPatrol } from '@/services/site-admin';
import { uploadImage } from '@/services/uploads';
import { isStaff } from '@/stores/session';
import type { LatLng, PatrolCondition } from '@/types/api';
import { LoadMore } from '@/components/LoadMore';
import { formatTime } from '../../utils/history-format';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

const CONDITIONS: Array<[PatrolCondition, string]> = [
  ['good', '完好'],
  ['needs_cleaning', '需清理'],
  ['needs_repair', '需修缮'],
  ['damaged', '损坏'],
  ['missing', '缺失'],
];
const REFERENCE_LABELS = { grave: '墓位', plate: '管护牌', site: '设施位置' } as const;
const MAX_PHOTOS = 9;

/** Custody patrol of one site (usually a scattered grave): position, condition, note and photos, then the log. */
export default function PatrolPage() {
  const { siteId, name } = usePageParams();
  const session = useSession();
  const staff = isStaff(session);
  const [position, setPosition] = useState<LatLng | null>(null);
  const [condition, setCondition] = useState<PatrolCondition>('good');
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<Array<{ id: string; path: string }>>([]);
  const list = usePagedList((cursor) => listPatrols(siteId!, cursor), [siteId], staff && !!siteId);
  if (name) setPageTitle(`${name} · 巡查`);

  const locate = useSubmit(async () => setPosition(await getCurrentPosition()));
  const addPhoto = useSubmit(async () => {
    const photo = await takePhoto();
    if (!photo) return;
    const uploaded = await uploadImage(photo.path);
    setPhotos((p) => [...p, { id: uploaded.id, path: photo.path }]);
  });
  const submit = useSubmit(async () => {
    if (!position) throw new Error('请先获取当前位置');
    const patrol = await logPatrol(siteId!, { location: position, coordSystem: 'gcj02', condition, ...(note.trim() ? { note: note.trim() } : {}), photos: photos.map((p) => p.id) });
    showToast(patrol.flagged ? `已登记，但距${REFERENCE_LABELS[patrol.reference]} ${patrol.distanceMeters} 米，偏远` : '巡查已登记');
    setNote('');
    setPhotos([]);
    list.reload();
  });

  if (!staff || !siteId) {
    return <SignInGate className='console' text={staff ? '请从设施档案进入巡查' : '请先以工作人员身份登录'} signIn={!staff} />;
  }

  const error = locate.error ?? addPhoto.error ?? submit.error;
  return (
    <PageShell className='console'>
      <View className='section'>
        <Text className='section__title'>登记巡查</Text>
        <View className='console__field'>
          <Text className='console__label'>位置（GCJ-02）</Text>
          <Text data-testid='patrol-position'>{position ? `${position.lat.toFixed(6)}, ${position.lng.toFixed(6)}` : '尚未定位'}</Text>
          <Button className='btn' loading={locate.pending || undefined} onClick={() => void locate.submit()}>
            获取当前位置
          </Button>
        </View>
        <View className='console__field'>
          <Text className='console__label'>状况</Text>
          <View className='console__choices' role='radiogroup' aria-label='状况'>
            {CONDITIONS.map(([v, label]) => (
              <View key={v} role='radio' aria-checked={condition === v} className={`console__choice ${condition === v ? 'console__choice--on' : ''}`} onClick={() => setCondition(v)}>
                {label}
              </View>
            ))}
          </View>
        </View>
        <View className='console__field'>
          <Text className='console__label'>说明</Text>
          <Textarea className='console__textarea' value={note} maxlength={500} aria-label='说明' placeholder='如：杂草已清理，碑文有脱落' onInput={(e) => setNote(e.detail.value)} />
        </View>
        <View className='console__field'>
          <Text className='console__label'>照片（{photos.length}/{MAX_PHOTOS}）</Text>
          <View className='console__choices'>
            {photos.map((p) => (
              <Image key={p.id} className='patrol__photo' src={p.path} mode='aspectFill' />
            ))}
          </View>
          {photos.length < MAX_PHOTOS && (
            <Button className='btn' loading={addPhoto.pending || undefined} onClick={() => void addPhoto.submit()}>
              拍照
            </Button>
          )}
        </View>
        {error && (
          <View className='console__error' role='alert'>
            <Text>{error.message}</Text>
          </View>
        )}
        <Button className='btn btn--primary btn--block' loading={submit.pending || undefined} disabled={!position || submit.pending || undefined} onClick={() => void submit.submit()}>
          提交巡查
        </Button>
      </View>

      <View className='section'>
        <Text className='section__title'>巡查记录</Text>
        <StateView loading={list.loading} error={list.error} onRetry={list.retry} empty={list.items.length === 0} emptyText='还没有巡查记录'>
          {list.items.map((p) => (
            <View key={p.id} className='console__field' data-testid='patrol-item'>
              <Text>
                {formatTime(p.at)} · {p.by.name} · {CONDITIONS.find(([v]) => v === p.condition)?.[1]}
              </Text>
              <Text className={p.flagged ? 'console__flag' : 'muted'}>
                距{REFERENCE_LABELS[p.reference]} {p.distanceMeters} 米{p.flagged ? '（偏远，请核实）' : ''}
              </Text>
              {p.note && <Text className='muted'>{p.note}</Text>}
              {p.photos.length > 0 && <Text className='muted'>照片 {p.photos.length} 张</Text>}
            </View>
          ))}
          <LoadMore list={list} />
        </StateView>
      </View>
    </PageShell>
  );
}
