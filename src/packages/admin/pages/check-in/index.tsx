import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { BookingCard } from '@/components/BookingCard';
import { PageShell } from '@/components/PageShell';
import { useSession } from '@/hooks/use-session';
import { canScanCode, scanQrCode } from '@/platform/scan';
import { showToast } from '@/platform/ui';
import { isStaff } from '@/stores/session';
import { dateLabel } from '@/utils/booking-format';
import { useCheckIn } from '../../hooks/use-check-in';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

/** 预约核验: scan the visitor's QR voucher (or type the code) to admit them; a second scan is refused. */
export default function CheckInPage() {
  const session = useSession();
  const checkIn = useCheckIn();
  const [code, setCode] = useState('');

  if (!isStaff(session)) {
    return <SignInGate actionsClassName='form-actions' />;
  }

  const scan = async () => {
    let text: string;
    try {
      text = await scanQrCode();
    } catch {
      return; // backed out of the scanner
    }
    setCode(text);
    if (await checkIn.submit(text)) showToast('核验通过');
  };

  const last = checkIn.last;
  return (
    <PageShell className='check-in'>
      <View className='section'>
        {canScanCode() && (
          <Button className='btn btn--primary btn--block check-in__scan' data-testid='scan-voucher' onClick={() => void scan()}>
            扫描预约二维码
          </Button>
        )}
        <Text className='form-label'>或输入预约码</Text>
        <Input
          className='input check-in__code'
          value={code}
          maxlength={12}
          placeholder='8 位预约码'
          aria-label='预约码'
          onInput={(e) => setCode(e.detail.value.toUpperCase())}
          onConfirm={() => void checkIn.submit(code)}
        />
        <Button
          className='btn btn--primary btn--block'
          data-testid='check-in-submit'
          {...(checkIn.pending ? { loading: true } : {})}
          {...(code.trim().length < 6 || checkIn.pending ? { disabled: true } : {})}
          onClick={() => void checkIn.submit(code)}
        >
          核验入园
        </Button>
      </View>

      {checkIn.error && (
        <View className='check-in__result check-in__result--refused' role='alert' data-testid='check-in-error'>
          <Text className='check-in__verdict'>未通过</Text>
          <Text>{checkIn.error.message}</Text>
        </View>
      )}
      {last && (
        <View className='check-in__result check-in__result--ok' data-testid='check-in-ok'>
          <Text className='check-in__verdict'>核验通过，请放行 {last.partySize} 人</Text>
          <Text>
            {dateLabel(last.date)} {last.start}–{last.end} · {last.contactName}
            {last.organization ? ` · ${last.organization}` : ''}
          </Text>
        </View>
      )}

      {checkIn.admitted.length > 0 && (
        <View className='section'>
          <Text className='section__title'>本次已核验</Text>
          {checkIn.admitted.map((b) => (
            <BookingCard key={b.id} booking={b} show='contact' />
          ))}
        </View>
      )}
    </PageShell>
  );
}
