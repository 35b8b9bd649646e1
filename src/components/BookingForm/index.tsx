import { Button, Input, Text, View } from '@tarojs/components';
import type { BookingFlow } from '@/hooks/use-booking-flow';
import { dateLabel } from '@/utils/booking-format';
import { BookingCalendar } from '../BookingCalendar';
import { SlotPicker } from '../SlotPicker';
import { StateView } from '../StateView';
import './index.scss';

const FIELD_NAMES: Record<string, string> = {
  slotId: '时段',
  partySize: '人数',
  contactName: '联系人',
  contactPhone: '联系电话',
  organization: '单位名称',
};

/** The server's refusal in words (a 400 names its fields). */
function describe(error: Error & { code?: string; details?: unknown }): string {
  if (error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)) {
    return (error.details as Array<{ path: string; message: string }>).map((d) => `${FIELD_NAMES[d.path] ?? d.path}：${d.message}`).join('\n');
  }
  return error.message;
}

export interface BookingFormProps {
  flow: BookingFlow;
  /** Seat-freed reminders need a signed-in citizen. */
  canWatch: boolean;
  submitLabel?: string;
  /** Shown instead of the submit button (e.g. "去登录"), when the caller cannot book yet. */
  blocked?: React.ReactNode;
  /** Extra words under the contact fields. */
  contactNote?: string;
}

/** Date (calendar) → slot (remaining seats) → party → contact → confirm, over a booking flow. */
export function BookingForm({ flow, canWatch, submitLabel = '确认预约', blocked, contactNote }: BookingFormProps) {
  const { rules, draft, slot } = flow;
  const maxParty = draft.group ? (rules?.group.maxPartySize ?? 50) : (rules?.maxIndividualParty ?? 5);
  const setParty = (n: number) => flow.update({ partySize: Math.max(1, Math.min(maxParty, n)) });

  return (
    <View className='booking-form'>
      <View className='section'>
        <Text className='section__title'>预约类型</Text>
        <View className='toggles'>
          {(['individual', 'group'] as const).map((k) => (
            <View
              key={k}
              className={`toggle${flow.kind === k ? ' toggle--on' : ''}`}
              role='radio'
              aria-checked={flow.kind === k}
              data-testid={`kind-${k}`}
              onClick={() => flow.setKind(k)}
            >
              <Text>{k === 'individual' ? '个人/家庭' : '团体（学校、单位）'}</Text>
            </View>
          ))}
        </View>
        {rules && (
          <Text className='muted booking-form__rule'>
            {flow.kind === 'individual'
              ? `可预约今天起 ${rules.bookingWindowDays} 天内，每次最多 ${rules.maxIndividualParty} 人（本人及 ${rules.maxIndividualParty - 1} 名同行者）。`
              : `团体须提前 ${rules.group.minDaysAhead} 天预约，每次最多 ${rules.group.maxPartySize} 人。`}
            开始前 {rules.cancelCutoffMinutes} 分钟停止取消。
          </Text>
        )}
      </View>

      <View className='section'>
        <Text className='section__title'>1. 选择日期</Text>
        <StateView loading={flow.calendar.loading} error={flow.calendar.error} onRetry={flow.calendar.retry} empty={!flow.calendar.data}>
          {flow.calendar.data && <BookingCalendar days={flow.calendar.data.items} selected={flow.date} onSelect={flow.chooseDate} />}
        </StateView>
      </View>

      {flow.date && (
        <View className='section'>
          <Text className='section__title'>2. 选择时段（{dateLabel(flow.date)}）</Text>
          {flow.slots.data?.note && <Text className='booking-form__note'>{flow.slots.data.note}</Text>}
          <StateView
            loading={flow.slots.loading}
            error={flow.slots.error}
            onRetry={flow.slots.retry}
            empty={!flow.slots.data || flow.slots.data.items.length === 0}
            emptyText='当天不开放预约'
          >
            {flow.slots.data && (
              <SlotPicker slots={flow.slots.data.items} selected={flow.slotId} onSelect={flow.chooseSlot} onWatch={canWatch ? (id, w) => void flow.toggleWatch(id, w) : undefined} />
            )}
          </StateView>
          {flow.watchError && (
            <View className='booking-form__error' role='alert'>
              <Text>{flow.watchError.message}</Text>
            </View>
          )}
        </View>
      )}

      <View className='section'>
        <Text className='section__title'>3. 参观人数</Text>
        <View className='booking-form__stepper'>
          <Button className='btn' aria-label='减少人数' data-testid='party-less' onClick={() => setParty(draft.partySize - 1)}>
            －
          </Button>
          <Text className='booking-form__count' data-testid='party-size'>
            {draft.partySize} 人
          </Text>
          <Button className='btn' aria-label='增加人数' data-testid='party-more' onClick={() => setParty(draft.partySize + 1)}>
            ＋
          </Button>
        </View>
      </View>

      <View className='section'>
        <Text className='section__title'>4. 联系人</Text>
        {draft.group && (
          <Input
            className='input booking-form__input'
            value={draft.organization}
            maxlength={60}
            placeholder='单位名称，如：武汉市某某中学'
            aria-label='单位名称'
            onInput={(e) => flow.update({ organization: e.detail.value })}
          />
        )}
        <Input
          className='input booking-form__input'
          value={draft.contactName}
          maxlength={30}
          placeholder='联系人姓名'
          aria-label='联系人姓名'
          onInput={(e) => flow.update({ contactName: e.detail.value })}
        />
        <Input
          className='input booking-form__input'
          type='number'
          value={draft.contactPhone}
          maxlength={11}
          placeholder='手机号码'
          aria-label='手机号码'
          onInput={(e) => flow.update({ contactPhone: e.detail.value })}
        />
        <Text className='muted'>{contactNote ?? '手机号加密保存，页面上只显示部分号码。'}</Text>
      </View>

      <View className='section booking-form__confirm' data-testid='booking-summary'>
        <Text className='section__title'>5. 确认</Text>
        {slot && flow.date ? (
          <Text>
            {dateLabel(flow.date)} {slot.start}–{slot.end}，{draft.partySize} 人{draft.group && draft.organization.trim() ? `（${draft.organization.trim()}）` : ''}
          </Text>
        ) : (
          <Text className='muted'>请先选择日期和时段</Text>
        )}
      </View>

      <View className='form-actions'>
        {flow.problems.length > 0 && <Text className='muted'>{flow.problems[0]}</Text>}
        {flow.submit.error && (
          <View className='booking-form__error' role='alert' data-testid='booking-error'>
            <Text>{describe(flow.submit.error)}</Text>
          </View>
        )}
        {blocked ?? (
          <Button
            className='btn btn--primary btn--block'
            data-testid='confirm-booking'
            {...(flow.submit.pending ? { loading: true } : {})}
            {...(flow.problems.length > 0 || flow.submit.pending ? { disabled: true } : {})}
            onClick={() => void flow.submit.submit()}
          >
            {submitLabel}
          </Button>
        )}
      </View>
    </View>
  );
}
