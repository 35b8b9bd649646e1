import { Button, Text, View } from '@tarojs/components';
import { memo } from 'react';
import type { SlotView } from '@/types/api';
import './index.scss';

export interface SlotPickerProps {
  slots: SlotView[];
  selected?: string;
  onSelect: (slotId: string) => void;
  /** Shown on full slots for a signed-in user: ask (or stop asking) to be told when a seat frees up. */
  onWatch?: (slotId: string, watching: boolean) => void;
}

function SlotPickerView({ slots, selected, onSelect, onWatch }: SlotPickerProps) {
  return (
    <View className='slot-picker' data-testid='slot-picker'>
      {slots.map((slot) => {
        const bookable = slot.open !== false && slot.remaining > 0;
        const on = slot.id === selected;
        return (
          <View
            key={slot.id}
            className={`slot-picker__slot${on ? ' slot-picker__slot--on' : ''}${bookable ? '' : ' slot-picker__slot--off'}`}
            role='radio'
            aria-checked={on}
            aria-disabled={!bookable}
            data-testid='slot'
            data-slot-id={slot.id}
            onClick={() => bookable && onSelect(slot.id)}
          >
            <Text className='slot-picker__time'>
              {slot.start}–{slot.end}
            </Text>
            <Text className='slot-picker__seats' data-testid='slot-remaining'>
              {slot.open === false ? '已结束' : slot.remaining > 0 ? `余 ${slot.remaining} / ${slot.capacity}` : '已约满'}
            </Text>
            {slot.open !== false && slot.remaining === 0 && onWatch && (
              <Button
                className='btn slot-picker__watch'
                data-testid='watch-slot'
                onClick={(e) => {
                  e.stopPropagation();
                  onWatch(slot.id, !!slot.watching);
                }}
              >
                {slot.watching ? '已设提醒（取消）' : '有空位时提醒我'}
              </Button>
            )}
          </View>
        );
      })}
    </View>
  );
}

/** The slots of one day with their remaining seats; full slots offer a "seat freed" reminder. */
export const SlotPicker = memo(SlotPickerView);
