import { Button, Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { PageShell } from '@/components/PageShell';
import { SampleDataBadge } from '@/components/SampleDataBadge';
import { StateView } from '@/components/StateView';
import { TributeSection } from '@/components/TributeSection';
import { GENDER_LABELS } from '@/constants/labels';
import { useFollow } from '@/hooks/use-follow';
import { useMartyr } from '@/hooks/use-martyr';
import { useSession } from '@/hooks/use-session';
import { useTributes } from '@/hooks/use-tributes';
import { navigateTo, Routes, setPageTitle, usePageParams } from '@/platform/navigation';
import { apiBase } from '@/env';
import { isStaff } from '@/stores/session';
import type { MartyrDetail } from '@/types/api';
import { martyrIdFromParams } from '@/utils/martyr-link';
import './index.scss';

function facts(m: MartyrDetail): Array<[string, string]> {
  const rows: Array<[string, string | undefined]> = [
    ['性别', m.gender ? GENDER_LABELS[m.gender] : undefined],
    ['生卒年', m.birthYear || m.deathYear ? `${m.birthYear ?? '不详'}—${m.deathYear ?? '不详'}` : undefined],
    ['籍贯', m.hometown],
    ['生前单位', m.unit],
    ['安葬位置', m.gravePosition],
  ];
  return rows.filter((r): r is [string, string] => !!r[1]);
}

/** A martyr's page (also opened from the QR code on the grave). */
export default function MartyrPage() {
  const id = martyrIdFromParams(usePageParams());
  const martyr = useMartyr(id);
  const m = martyr.data;
  const session = useSession();
  const target = m ? ({ type: 'martyr', id: m.id } as const) : undefined;
  const tributes = useTributes(target);
  const follow = useFollow(target, !!session);

  useEffect(() => {
    if (m) setPageTitle(`${m.name}烈士`);
  }, [m]);

  return (
    <PageShell className='martyr-detail'>
      {!id ? (
        <StateView empty emptyText='未指定英烈' />
      ) : (
        <StateView loading={martyr.loading} error={martyr.error} onRetry={martyr.retry} empty={!m}>
          {m && (
            <>
              <View className='section martyr-detail__head'>
                <Text className='martyr-detail__name'>{m.name}</Text>
                <Text className='martyr-detail__title'>烈士</Text>
                {m.sample && <SampleDataBadge />}
                <Text className='muted martyr-detail__count'>已有 {m.tributeCount} 次祭扫</Text>
              </View>
              {facts(m).length > 0 && (
                <View className='section'>
                  {facts(m).map(([label, value]) => (
                    <View key={label} className='martyr-detail__row'>
                      <Text className='martyr-detail__label'>{label}</Text>
                      <Text className='martyr-detail__value'>{value}</Text>
                    </View>
                  ))}
                </View>
              )}
              {m.deeds && (
                <View className='section'>
                  <Text className='section__title'>英雄事迹</Text>
                  <Text className='martyr-detail__deeds' userSelect>
                    {m.deeds}
                  </Text>
                </View>
              )}
              <View className='section'>
                <Text className='section__title'>安葬地</Text>
                <Button className='btn btn--block' onClick={() => navigateTo(Routes.site, { id: m.siteId })}>
                  {m.siteName}
                </Button>
                <Button
                  className='btn btn--block martyr-detail__sweep'
                  data-testid='request-sweep'
                  onClick={() => navigateTo(Routes.familyRequest, { siteId: m.siteId, martyrId: m.id })}
                >
                  申请代祭扫
                </Button>
              </View>
              <TributeSection
                targetName={`${m.name}烈士`}
                tributes={tributes}
                follow={follow}
                signedIn={!!session}
                onSignIn={() => navigateTo(Routes.my)}
              />
              {isStaff(session) && process.env.TARO_ENV === 'h5' && (
                <View className='section'>
                  <Text className='section__title'>墓前二维码</Text>
                  <a className='btn btn--block' href={`${apiBase().replace(/\/+$/, '')}/martyrs/${m.id}/qr.png?size=1024`} target='_blank' rel='noopener noreferrer'>
                    下载打印用二维码
                  </a>
                </View>
              )}
            </>
          )}
        </StateView>
      )}
    </PageShell>
  );
}
