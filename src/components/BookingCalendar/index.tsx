import { Text, View } from '@tarojs/components';
import { memo } from 'react';
import type { CalendarDay } from '@/types/api';
import { calendarWeeks, DAY_STATUS_LABELS } from '@/utils/booking-format';
import './index.scss';

export interface BookingCalendarProps {
  days: CalendarDay[];
  selected?: string;
  onSelect: (date: string) => void;
}

const HEAD = ['一', '二', '三', '四', '五', '六', '日'];

function BookingCalendarView({ days, selected, onSelect }: BookingCalendarProps) {
  return (
    <View className='booking-calendar' data-testid='booking-calendar'>
      <View className='booking-calendar__row booking-calendar__head'>
        {HEAD.map((h) => (
          <Text key={h} className='booking-calendar__cell booking-calendar__weekday'>
            {h}
          </Text>
        ))}
      </View>
      {calendarWeeks(days).map((week, w) => (
        <View key={w} className='booking-calendar__row'>
          {week.map((day, i) => {
            if (!day) return <View key={`blank-${i}`} className='booking-calendar__cell booking-calendar__cell--blank' />;
            // A full day can still be opened: its slots offer "tell me when a seat frees up".
            const choosable = day.status === 'open' || day.status === 'full';
            const on = day.date === selected;
            return (
              <View
                key={day.date}
                className={`booking-calendar__cell booking-calendar__day booking-calendar__day--${day.status}${on ? ' booking-calendar__day--on' : ''}`}
                role='button'
                aria-disabled={!choosable}
                aria-pressed={on}
                aria-label={`${day.date} ${DAY_STATUS_LABELS[day.status]}${day.status === 'open' ? `，余 ${day.remaining}` : ''}`}
                data-testid='calendar-day'
                data-date={day.date}
                data-status={day.status}
                onClick={() => choosable && onSelect(day.date)}
              >
                <Text className='booking-calendar__date'>{Number(day.date.slice(8, 10))}</Text>
                <Text className='booking-calendar__status'>{DAY_STATUS_LABELS[day.status]}</Text>
              </View>
            );
          })}
        </View>
      ))}
    </View>
  );
}

/** Days as a Monday-first calendar, each open (余位), full, closed or not bookable. */
export const BookingCalendar = memo(BookingCalendarView);
