import { Text, View } from '@tarojs/components';
import { memo, type ReactNode } from 'react';
import type { BookingView } from '@/types/api';
import { BOOKING_STATUS_LABELS, dateLabel } from '@/utils/booking-format';
import './index.scss';

export interface BookingCardProps {
  booking: BookingView;
  /** Shows the site's name (the citizen's list) or the contact (the staff sheet). */
  show?: 'site' | 'contact';
  onOpen?: (id: string) => void;
  children?: ReactNode;
}

function BookingCardView({ booking, show = 'site', onOpen, children }: BookingCardProps) {
  return (
    <View
      className={`booking-card booking-card--${booking.status}`}
      role={onOpen ? 'button' : undefined}
      data-testid='booking-card'
      data-booking-id={booking.id}
      data-status={booking.status}
      onClick={() => onOpen?.(booking.id)}
    >
      <View className='booking-card__head'>
        <Text className='booking-card__title'>
          {show === 'site' ? booking.siteName : `${booking.contactName} ${booking.contactPhone}`}
        </Text>
        <Text className={`booking-card__status booking-card__status--${booking.status}`} data-testid='booking-status'>
          {BOOKING_STATUS_LABELS[booking.status]}
        </Text>
      </View>
      <Text className='booking-card__line'>
        {dateLabel(booking.date)} {booking.start}–{booking.end} · {booking.partySize} 人
      </Text>
      <Text className='muted'>
        预约码 {booking.code}
        {booking.organization ? ` · ${booking.organization}` : ''}
        {booking.channel === 'assisted' ? ' · 绿色通道代约' : ''}
      </Text>
      {children}
    </View>
  );
}

/** A booking in a list: where and when, how many, its code and state. */
export const BookingCard = memo(BookingCardView);
