import { Button, Input, Text, View } from '@tarojs/components';
import type { SlotRow } from '../../utils/slot-template-form';
import './index.scss';

export interface SlotRowsProps {
  slots: SlotRow[];
  /** Says whose slots these are in the inputs' labels (e.g. "2026-04-04 "); empty for the weekly ones. */
  label?: string;
  /** Problems by path under this list (`0.start`, `1.capacity`…), shown under their row. */
  problems?: Record<string, string>;
  readOnly?: boolean;
  onChange: (slots: SlotRow[]) => void;
  onAdd: () => void;
}

/** Time slots of one day: start, end and capacity per row, a row removed or added. */
export function SlotRows({ slots, label = '', problems = {}, readOnly, onChange, onAdd }: SlotRowsProps) {
  const set = (i: number, key: keyof SlotRow, value: string) => onChange(slots.map((s, n) => (n === i ? { ...s, [key]: value } : s)));
  return (
    <View className='slot-rows'>
      {slots.map((s, i) => {
        const problem = problems[`${i}.start`] ?? problems[`${i}.end`] ?? problems[`${i}.capacity`];
        return (
          <View key={i} className='slot-rows__row' data-testid='slot-row'>
            <View className='slot-rows__fields'>
              <Input className='input slot-rows__time' value={s.start} maxlength={5} placeholder='09:00' disabled={readOnly} aria-label={`${label}第 ${i + 1} 个时段开始`} onInput={(e) => set(i, 'start', e.detail.value)} />
              <Text className='slot-rows__dash'>至</Text>
              <Input className='input slot-rows__time' value={s.end} maxlength={5} placeholder='10:00' disabled={readOnly} aria-label={`${label}第 ${i + 1} 个时段结束`} onInput={(e) => set(i, 'end', e.detail.value)} />
              <Input className='input slot-rows__capacity' type='number' value={s.capacity} maxlength={4} disabled={readOnly} aria-label={`${label}第 ${i + 1} 个时段名额`} onInput={(e) => set(i, 'capacity', e.detail.value)} />
              <Text className='slot-rows__unit'>人</Text>
              {!readOnly && (
                <Button className='btn slot-rows__remove' aria-label={`删除${label}第 ${i + 1} 个时段`} onClick={() => onChange(slots.filter((_, n) => n !== i))}>
                  删除
                </Button>
              )}
            </View>
            {problem && <Text className='console__field-error'>{problem}</Text>}
          </View>
        );
      })}
      {!readOnly && (
        <Button className='btn' onClick={onAdd}>
          添加时段
        </Button>
      )}
    </View>
  );
}
