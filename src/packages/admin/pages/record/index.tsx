import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { CATEGORIES, CATEGORY_LABELS, LEVELS, LEVEL_LABELS } from '@/constants/labels';
import { useSession } from '@/hooks/use-session';
import { getCurrentPosition } from '@/platform/location';
import { navigateTo, redirectTo, Routes, usePageParams } from '@/platform/navigation';
import { showToast } from '@/platform/ui';
import { isStaff } from '@/stores/session';
import type { CoordSystem, SiteStatus } from '@/types/api';
import { PinMap } from '../../components/PinMap';
import { useRecordEditor } from '../../hooks/use-record-editor';
import { formatTime } from '../../utils/history-format';
import type { RecordForm } from '../../utils/record-form';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

const STATUSES: Array<[SiteStatus, string]> = [
  ['draft', '草稿'],
  ['published', '已发布'],
  ['closed', '已关闭'],
];
const COORDS: Array<[CoordSystem, string]> = [
  ['gcj02', 'GCJ-02（高德/微信）'],
  ['wgs84', 'WGS-84（GPS）'],
  ['bd09', 'BD-09（百度）'],
];
const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];
const CONDITION_LABELS: Record<string, string> = { good: '完好', needs_cleaning: '需清理', needs_repair: '需修缮', damaged: '损坏', missing: '缺失' };

type TextKey = { [K in keyof RecordForm]: RecordForm[K] extends string ? K : never }[keyof RecordForm];

/** The editor of one site's file (一处一档); without `id`, a new site (admins). */
export default function RecordPage() {
  const { id } = usePageParams();
  const session = useSession();
  const roles = session?.user.roles ?? [];
  const editor = useRecordEditor(id);
  const { form, set, fieldErrors, current } = editor;
  const canEdit = roles.includes('admin') || (roles.includes('site_manager') && !!id && !!session?.user.siteIds?.includes(id));

  if (!isStaff(session)) {
    return <SignInGate className='console' />;
  }

  const field = (key: TextKey, label: string, options: { max?: number; placeholder?: string; type?: 'text' | 'digit' } = {}) => (
    <View className='console__field'>
      <Text className='console__label'>{label}</Text>
      <Input
        className='input'
        value={form[key] as string}
        type={options.type ?? 'text'}
        maxlength={options.max ?? 60}
        placeholder={options.placeholder}
        aria-label={label}
        disabled={!canEdit || undefined}
        onInput={(e) => set(key, e.detail.value as RecordForm[typeof key])}
      />
      {fieldErrors[key] && <Text className='console__field-error'>{fieldErrors[key]}</Text>}
    </View>
  );

  const area = (key: TextKey, label: string, max: number) => (
    <View className='console__field'>
      <Text className='console__label'>{label}</Text>
      <Textarea className='console__textarea' value={form[key] as string} maxlength={max} aria-label={label} disabled={!canEdit || undefined} onInput={(e) => set(key, e.detail.value as RecordForm[typeof key])} />
    </View>
  );

  const choices = <T extends string>(label: string, value: T, options: Array<[T, string]>, onPick: (v: T) => void) => (
    <View className='console__field'>
      <Text className='console__label'>{label}</Text>
      <View className='console__choices' role='radiogroup' aria-label={label}>
        {options.map(([v, text]) => (
          <View key={v} role='radio' aria-checked={value === v} className={`console__choice ${value === v ? 'console__choice--on' : ''}`} onClick={() => canEdit && onPick(v)}>
            {text}
          </View>
        ))}
      </View>
    </View>
  );

  async function fillMyPosition() {
    try {
      const p = await getCurrentPosition();
      set('lat', p.lat.toFixed(6));
      set('lng', p.lng.toFixed(6));
      set('coordSystem', 'gcj02');
    } catch (err) {
      showToast(err instanceof Error ? err.message : '定位失败');
    }
  }

  async function save() {
    const saved = await editor.save();
    if (!saved) return;
    showToast(editor.creating ? '已创建' : '已保存');
    if (editor.creating) redirectTo(Routes.adminRecord, { id: saved.id });
  }

  const lat = Number(form.lat);
  const lng = Number(form.lng);
  const point = form.coordSystem === 'gcj02' && form.lat !== '' && form.lng !== '' && Number.isFinite(lat) && Number.isFinite(lng) ? { lat, lng } : null;

  return (
    <PageShell className='console'>
      <StateView loading={!editor.creating && editor.site.loading && !current} error={editor.site.error} onRetry={editor.site.retry}>
        {current && (
          <View className='section'>
            <Text className='console__name'>{current.name}</Text>
            <Text className='muted' data-testid='record-version'>
              编号 {current.code} · 版本 {current.version} · 更新于 {formatTime(current.updatedAt)}
            </Text>
            {current.lastPatrol ? (
              <Text className={current.lastPatrol.flagged ? 'console__flag' : 'muted'}>
                最近巡查：{formatTime(current.lastPatrol.at)} · {current.lastPatrol.by} · {CONDITION_LABELS[current.lastPatrol.condition]} · 距离 {current.lastPatrol.distanceMeters} 米
                {current.lastPatrol.flagged ? '（距离偏远）' : ''}
              </Text>
            ) : (
              <Text className='muted'>尚无巡查记录</Text>
            )}
            <View className='console__bar'>
              <Button className='btn' onClick={() => navigateTo(Routes.adminHistory, { id: current.id, name: current.name })}>
                修改历史
              </Button>
              <Button className='btn' onClick={() => navigateTo(Routes.adminPatrol, { siteId: current.id, name: current.name })}>
                巡查登记
              </Button>
              <Button className='btn' onClick={() => navigateTo(Routes.adminMartyrs, { siteId: current.id, name: current.name })}>
                英名录（{current.martyrCount}）
              </Button>
              <Button className='btn' onClick={() => navigateTo(Routes.adminSlotTemplate, { siteId: current.id, name: current.name })}>
                预约时段
              </Button>
            </View>
          </View>
        )}
        {!canEdit && !editor.creating && <Text className='console__hint'>您可以查看此档案；修改须由管理员或该设施的管理员进行。</Text>}

        <View className='section'>
          <Text className='section__title'>基本信息</Text>
          {editor.creating && field('code', '编号', { max: 40, placeholder: '如 WH-HS-001，创建后不可修改' })}
          {field('name', '名称')}
          {choices('级别', form.level, LEVELS.map((l) => [l, LEVEL_LABELS[l]]), (v) => set('level', v))}
          {choices('类别', form.category, CATEGORIES.map((c) => [c, CATEGORY_LABELS[c]]), (v) => set('category', v))}
          {choices('状态', form.status, STATUSES, (v) => set('status', v))}
          {field('district', '所在区', { max: 30 })}
          {field('address', '地址', { max: 120 })}
        </View>

        <View className='section'>
          <Text className='section__title'>位置</Text>
          {choices('坐标系', form.coordSystem, COORDS, (v) => set('coordSystem', v))}
          <View className='console__pair'>
            {field('lat', '纬度', { type: 'digit', max: 20 })}
            {field('lng', '经度', { type: 'digit', max: 20 })}
          </View>
          {fieldErrors.location && <Text className='console__field-error'>{fieldErrors.location}</Text>}
          <Text className='console__hint'>保存时统一转换为 GCJ-02 存储；点地图可移动标记。</Text>
          {canEdit && (
            <Button className='btn' onClick={() => void fillMyPosition()}>
              使用当前位置
            </Button>
          )}
          <PinMap
            point={point}
            onPick={(p) => {
              if (!canEdit) return;
              set('lat', p.lat.toFixed(6));
              set('lng', p.lng.toFixed(6));
              set('coordSystem', 'gcj02');
            }}
          />
        </View>

        <View className='section'>
          <Text className='section__title'>开放与联系</Text>
          {field('phone', '电话', { max: 40, placeholder: '如 027-88881234' })}
          <View className='console__pair'>
            {field('open', '开放时间', { max: 5, placeholder: '08:30' })}
            {field('close', '闭馆时间', { max: 5, placeholder: '17:00' })}
          </View>
          {fieldErrors.openingHours && <Text className='console__field-error'>{fieldErrors.openingHours}</Text>}
          <View className='console__field'>
            <Text className='console__label'>闭馆日</Text>
            <View className='console__choices'>
              {WEEKDAYS.map((w, i) => {
                const day = i + 1;
                const on = form.closedWeekdays.includes(day);
                return (
                  <View key={w} role='checkbox' aria-checked={on} className={`console__choice ${on ? 'console__choice--on' : ''}`} onClick={() => canEdit && set('closedWeekdays', on ? form.closedWeekdays.filter((d) => d !== day) : [...form.closedWeekdays, day])}>
                    周{w}
                  </View>
                );
              })}
            </View>
          </View>
          {field('hoursNote', '开放说明', { max: 100, placeholder: '如：清明节前后延长开放' })}
          {area('intro', '简介', 5000)}
          {area('visitorNotice', '参观须知', 2000)}
        </View>

        <View className='section'>
          <Text className='section__title'>管护信息</Text>
          {field('custodian', '管护人', { max: 30 })}
          {field('custodyOrganization', '管护单位', { max: 60 })}
          {field('agreementNo', '管护协议编号', { max: 40 })}
          <View className='console__pair'>
            {field('agreementStart', '协议开始', { max: 10, placeholder: 'YYYY-MM-DD' })}
            {field('agreementEnd', '协议结束', { max: 10, placeholder: 'YYYY-MM-DD' })}
          </View>
          {field('plateId', '管护牌编号', { max: 40 })}
        </View>

        <View className='section'>
          <Text className='section__title'>档案信息（一处一档）</Text>
          {field('protectionLevel', '保护级别', { max: 30 })}
          {field('tombType', '墓葬类型', { max: 30 })}
          {area('inscription', '碑文', 1000)}
          {field('areaSqm', '占地面积（平方米）', { type: 'digit', max: 12 })}
          {field('material', '材质', { max: 60 })}
          {field('dimensions', '尺寸', { max: 60 })}
        </View>

        {editor.error && (
          <View className='console__error' role='alert' data-testid='save-error'>
            <Text>{editor.error.message}</Text>
            {editor.error.conflict && (
              <Button className='btn btn--block' onClick={editor.reload}>
                重新加载最新内容
              </Button>
            )}
          </View>
        )}
        {canEdit && (
          <Button className='btn btn--primary btn--block' loading={editor.saving || undefined} disabled={editor.saving || undefined} onClick={() => void save()}>
            {editor.creating ? '创建' : '保存'}
          </Button>
        )}
      </StateView>
    </PageShell>
  );
}
