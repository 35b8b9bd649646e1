import { Button, Picker, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BookingCard } from '@/components/BookingCard';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { useAsync } from '@/hooks/use-async';
import { useReadAgain } from '@/hooks/use-read-again';
import { navigateTo, Routes, usePageParams } from '@/platform/navigation';
import { getDaySheet } from '@/services/bookings';
import { bookingDate, dateLabel } from '@/utils/booking-format';
import './index.scss';

/** 预约日表: a site's slots for one day with every booking and the headcounts (booked, admitted). */
export default function BookingDayPage() {
  const { siteId, name } = usePageParams();
  const [date, setDate] = useState(() => bookingDate(new Date()));
  const sheet = useAsync(() => getDaySheet(siteId!, date), [siteId, date], !!siteId);
  // Back from 扫码核验 (or any page): the counts have moved on, so read the sheet again.
  useReadAgain(sheet.retry);
  const shift = (days: number) => setDate((d) => bookingDate(new Date(`${d}T04:00:00Z`), days));
  const data = sheet.data;

  return (
    <PageShell className='booking-day'>
      <View className='section'>
        <Text className='section__title'>{data?.siteName ?? name ?? '预约日表'}</Text>
        <View className='booking-day__dates'>
          <Button className='btn' aria-label='前一天' onClick={() => shift(-1)}>
            ‹
          </Button>
          <Picker mode='date' value={date} onChange={(e) => setDate(String(e.detail.value))}>
            <View className='input booking-day__date' data-testid='day-sheet-date'>
              <Text>{dateLabel(date)}</Text>
            </View>
          </Picker>
          <Button className='btn' aria-label='后一天' onClick={() => shift(1)}>
            ›
          </Button>
        </View>
        {data && (
          <Text className='booking-day__totals' data-testid='day-totals'>
            预约 {data.totals.bookings} 单 · {data.totals.bookedSeats} 人 · 已入园 {data.totals.checkedInSeats} 人 · 总名额 {data.totals.capacity}
            {data.totals.groups ? ` · 团体 ${data.totals.groups}` : ''}
            {data.totals.assisted ? ` · 代约 ${data.totals.assisted}` : ''}
          </Text>
        )}
        <View className='booking-day__actions'>
          <Button className='btn btn--primary' onClick={() => navigateTo(Routes.adminCheckIn, { siteId: siteId! })}>
            扫码核验
          </Button>
          <Button className='btn' onClick={() => navigateTo(Routes.adminAssistedBooking, { siteId: siteId!, name: data?.siteName ?? name ?? '' })}>
            代客预约
          </Button>
        </View>
      </View>

      <StateView loading={sheet.loading} error={sheet.error} onRetry={sheet.retry} empty={!data || data.slots.length === 0} emptyText='当天没有预约时段'>
        {data?.slots.map((slot) => (
          <View key={slot.id} className='section booking-day__slot' data-testid='day-slot'>
            <View className='booking-day__slot-head'>
              <Text className='booking-day__time'>
                {slot.start}–{slot.end}
              </Text>
              <Text className='muted'>
                已约 {slot.bookedSeats}/{slot.capacity} · 余 {slot.remaining} · 入园 {slot.checkedInSeats}
              </Text>
            </View>
            {slot.bookings.length === 0 ? (
              <Text className='muted'>暂无预约</Text>
            ) : (
              slot.bookings.map((b) => <BookingCard key={b.id} booking={b} show='contact' />)
            )}
          </View>
        ))}
      </StateView>
    </PageShell>
  );
}
