import { Button, Input, Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { useSession } from '@/hooks/use-session';
import { setPageTitle, usePageParams } from '@/platform/navigation';
import { showToast } from '@/platform/ui';
import { isStaff } from '@/stores/session';
import { bookingDate } from '@/utils/booking-format';
import { SlotRows } from '../../components/SlotRows';
import { useSlotTemplate } from '../../hooks/use-slot-template';
import { daySummary, nextSlot, WEEKDAY_LABELS, type FormProblem, type OverrideRow } from '../../utils/slot-template-form';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

/** Problems under `prefix.` keyed by the rest of their path (what SlotRows shows under each row). */
function under(problems: readonly FormProblem[], prefix: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems) if (p.path.startsWith(`${prefix}.`)) out[p.path.slice(prefix.length + 1)] ??= p.message;
  return out;
}

/** A site's booking slots (预约时段): the week's open days and slots, special dates, booking window and cut-off. */
export default function SlotTemplatePage() {
  const { siteId, name } = usePageParams();
  const session = useSession();
  const roles = session?.user.roles ?? [];
  const canEdit = roles.includes('admin') || (roles.includes('site_manager') && !!siteId && !!session?.user.siteIds?.includes(siteId));
  const editor = useSlotTemplate(isStaff(session) ? siteId : undefined);
  const { form, update, problems, current } = editor;
  useEffect(() => {
    if (name) setPageTitle(`${name} · 预约时段`);
  }, [name]);

  if (!isStaff(session) || !siteId) {
    return <SignInGate className='console' text={isStaff(session) ? '请从设施档案进入' : '请先以工作人员身份登录'} signIn={!isStaff(session)} />;
  }

  const problem = (path: string) => problems.find((p) => p.path === path)?.message;
  const setOverride = (i: number, change: Partial<OverrideRow>) =>
    update((f) => ({ ...f, overrides: f.overrides.map((o, n) => (n === i ? { ...o, ...change } : o)) }));
  const number = (key: 'bookingWindowDays' | 'cancelCutoffMinutes', label: string, hint: string) => (
    <View className='console__field'>
      <Text className='console__label'>{label}</Text>
      <Input className='input' type='number' value={form[key]} maxlength={5} disabled={!canEdit} aria-label={label} onInput={(e) => update((f) => ({ ...f, [key]: e.detail.value }))} />
      {problem(key) ? <Text className='console__field-error'>{problem(key)}</Text> : <Text className='console__hint'>{hint}</Text>}
    </View>
  );

  async function save() {
    if (await editor.save()) showToast('已保存');
  }

  return (
    <PageShell className='console'>
      <StateView loading={editor.template.loading && editor.template.data === undefined} error={editor.template.error} onRetry={editor.template.retry}>
        <View className='section'>
          <Text className='console__name'>{name || '预约时段'}</Text>
          {current ? (
            <Text className='muted' data-testid='template-version'>
              版本 {current.version} · 每周 {current.weekdays.length} 天开放 · {daySummary(current.slots)}
            </Text>
          ) : (
            <Text className='console__hint' data-testid='template-empty'>
              该设施尚未开放预约。{canEdit ? '下面是一份建议的时段，修改后保存即开放预约。' : '须由管理员或该设施的管理员设置。'}
            </Text>
          )}
          {!canEdit && current && <Text className='console__hint'>您可以查看预约时段；修改须由管理员或该设施的管理员进行。</Text>}
        </View>

        <View className='section'>
          <Text className='section__title'>每周开放</Text>
          <View className='console__choices' role='group' aria-label='每周开放的日子'>
            {WEEKDAY_LABELS.map(([day, label]) => {
              const on = form.weekdays.includes(day);
              return (
                <View
                  key={day}
                  role='checkbox'
                  aria-checked={on}
                  aria-label={label}
                  className={`console__choice ${on ? 'console__choice--on' : ''}`}
                  onClick={() => canEdit && update((f) => ({ ...f, weekdays: on ? f.weekdays.filter((d) => d !== day) : [...f.weekdays, day].sort((a, b) => a - b) }))}
                >
                  {label}
                </View>
              );
            })}
          </View>
          <Text className='section__title'>每日时段（{daySummary(form.slots)}）</Text>
          {problem('slots') && <Text className='console__field-error'>{problem('slots')}</Text>}
          <SlotRows
            slots={form.slots}
            problems={under(problems, 'slots')}
            readOnly={!canEdit}
            onChange={(slots) => update((f) => ({ ...f, slots }))}
            onAdd={() => update((f) => ({ ...f, slots: [...f.slots, nextSlot(f.slots)] }))}
          />
        </View>

        <View className='section'>
          <Text className='section__title'>特殊日期（清明高峰、闭馆等）</Text>
          {form.overrides.length === 0 && <Text className='muted'>没有特殊日期，每天按上面的时段开放。</Text>}
          {form.overrides.map((o, i) => (
            <View key={i} className='slot-template__override' data-testid='override'>
              <View className='console__field'>
                <Text className='console__label'>日期</Text>
                <Input className='input' value={o.date} maxlength={10} placeholder='2026-04-04' disabled={!canEdit} aria-label={`第 ${i + 1} 个特殊日期`} onInput={(e) => setOverride(i, { date: e.detail.value })} />
                {(problem(`overrides.${i}.date`) || problem(`overrides.${i}`)) && (
                  <Text className='console__field-error'>{problem(`overrides.${i}.date`) ?? problem(`overrides.${i}`)}</Text>
                )}
              </View>
              <View className='console__choices'>
                <View role='checkbox' aria-checked={o.closed} className={`console__choice ${o.closed ? 'console__choice--on' : ''}`} onClick={() => canEdit && setOverride(i, { closed: !o.closed })}>
                  当天闭馆
                </View>
                {canEdit && (
                  <Button className='btn' aria-label={`删除特殊日期 ${o.date}`} onClick={() => update((f) => ({ ...f, overrides: f.overrides.filter((_, n) => n !== i) }))}>
                    删除此日期
                  </Button>
                )}
              </View>
              {!o.closed && (
                <SlotRows
                  slots={o.slots}
                  label={`${o.date || '特殊日期'} `}
                  problems={under(problems, `overrides.${i}.slots`)}
                  readOnly={!canEdit}
                  onChange={(slots) => setOverride(i, { slots })}
                  onAdd={() => setOverride(i, { slots: [...o.slots, nextSlot(o.slots)] })}
                />
              )}
              <View className='console__field'>
                <Text className='console__label'>说明（可选）</Text>
                <Input className='input' value={o.note} maxlength={100} placeholder='如：清明节延长开放' disabled={!canEdit} aria-label={`特殊日期 ${o.date} 说明`} onInput={(e) => setOverride(i, { note: e.detail.value })} />
              </View>
            </View>
          ))}
          {canEdit && (
            <Button
              className='btn'
              onClick={() => update((f) => ({ ...f, overrides: [...f.overrides, { date: bookingDate(new Date(), 1), closed: false, slots: f.slots.map((s) => ({ ...s })), note: '' }] }))}
            >
              添加特殊日期
            </Button>
          )}
        </View>

        <View className='section'>
          <Text className='section__title'>预约规则</Text>
          {number('bookingWindowDays', '可提前预约天数', '个人可预约今天起这么多天内的时段')}
          {number('cancelCutoffMinutes', '取消截止（开始前分钟）', '时段开始前这么多分钟起不能再取消')}
        </View>

        {problems.length > 0 && (
          <View className='console__error slot-template__problems' role='alert'>
            <Text>请先改正以下内容：</Text>
            {problems.map((p) => (
              <Text key={`${p.path}:${p.message}`}>{p.message}</Text>
            ))}
          </View>
        )}
        {editor.error && (
          <View className='console__error slot-template__problems' role='alert'>
            <Text>{editor.error.conflict ? `没有保存：${editor.error.message}` : editor.error.message}</Text>
            {editor.error.details.map((d) => (
              <Text key={d}>{d}</Text>
            ))}
          </View>
        )}
        {canEdit && (
          <Button className='btn btn--primary btn--block' loading={editor.saving || undefined} disabled={editor.saving || undefined} onClick={() => void save()}>
            保存
          </Button>
        )}
      </StateView>
    </PageShell>
  );
}
