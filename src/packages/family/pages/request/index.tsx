import { Button, Input, Picker, Text, Textarea, View } from '@tarojs/components';
import { useMemo, useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { SearchBox } from '@/components/SearchBox';
import { StateView } from '@/components/StateView';
import { RELATIONSHIPS, SWEEP_SERVICE_LABELS, SWEEP_SERVICES } from '@/constants/sweep-labels';
import { useAsync } from '@/hooks/use-async';
import { useSession } from '@/hooks/use-session';
import { useSiteMartyrs } from '@/hooks/use-site-martyrs';
import { useSubmit } from '@/hooks/use-submit';
import { redirectTo, Routes, usePageParams } from '@/platform/navigation';
import { createSweep } from '@/services/proxy-sweeps';
import { ApiError } from '@/services/request';
import { getSite, listSites } from '@/services/sites';
import type { SweepService } from '@/types/api';
import { looksLikeMobile, preferredDateRange } from '@/utils/sweep-format';
import { LoadMore } from '@/components/LoadMore';
import { SignInPrompt } from '../../components/SignInPrompt';
import './index.scss';

const FIELD_NAMES: Record<string, string> = {
  siteId: '纪念设施',
  martyrId: '烈士',
  graveDescription: '墓位描述',
  services: '服务项目',
  preferredDate: '期望日期',
  message: '寄语',
  relationship: '与烈士关系',
  contactPhone: '联系电话',
};

/** Turns a 400 into a line per bad field, in words. */
function describeError(error: Error): string {
  if (error instanceof ApiError && error.code === 'VALIDATION_FAILED' && Array.isArray(error.details)) {
    return (error.details as Array<{ path: string; message: string }>)
      .map((d) => `${FIELD_NAMES[d.path.split('.')[0]!] ?? d.path}：${d.message}`)
      .join('\n');
  }
  return error.message;
}

function SitePicker({ onPick }: { onPick: (site: { id: string; name: string }) => void }) {
  const [q, setQ] = useState('');
  const found = useAsync(() => listSites({ q, limit: 10 }), [q], q.length > 0);
  return (
    <View className='section'>
      <Text className='section__title'>1. 选择纪念设施</Text>
      <SearchBox value={q} placeholder='输入纪念设施名称搜索' onSearch={setQ} />
      {q && (
        <StateView loading={found.loading} error={found.error} onRetry={found.retry} empty={!found.data?.items.length} emptyText='没有找到，请换个名称'>
          {found.data?.items.map((site) => (
            <View key={site.id} className='choice' role='button' data-testid='site-choice' onClick={() => onPick(site)}>
              <Text className='choice__title'>{site.name}</Text>
              <Text className='muted'>
                {site.district} · {site.address}
              </Text>
            </View>
          ))}
        </StateView>
      )}
    </View>
  );
}

/** 申请代祭扫: pick the site and the grave, the services, a date, a message, and how to reach the family. */
export default function SweepRequestPage() {
  const params = usePageParams();
  const session = useSession();
  const [site, setSite] = useState<{ id: string; name: string } | null>(null);
  const siteId = site?.id ?? params.siteId;
  const siteFromParam = useAsync(() => getSite(params.siteId!), [params.siteId], !!params.siteId && !site);
  const siteName = site?.name ?? siteFromParam.data?.name;

  const [martyrQ, setMartyrQ] = useState('');
  const martyrs = useSiteMartyrs(siteId, martyrQ);
  const [martyrId, setMartyrId] = useState<string | undefined>(params.martyrId);
  const [byDescription, setByDescription] = useState(false);
  const [graveDescription, setGraveDescription] = useState('');
  const [services, setServices] = useState<SweepService[]>(['clean_headstone', 'offer_flowers']);
  const range = useMemo(() => preferredDateRange(new Date()), []);
  const [preferredDate, setPreferredDate] = useState(range.initial);
  const [message, setMessage] = useState('');
  const [relationship, setRelationship] = useState('');
  const [phone, setPhone] = useState('');

  const submit = useSubmit(async () => {
    const created = await createSweep({
      siteId: siteId!,
      ...(byDescription ? { graveDescription: graveDescription.trim() } : { martyrId }),
      services,
      preferredDate,
      ...(message.trim() ? { message: message.trim() } : {}),
      relationship: relationship.trim(),
      contactPhone: phone.trim(),
    });
    redirectTo(Routes.familySweep, { id: created.id });
  });

  if (!session) {
    return (
      <PageShell className='family'>
        <SignInPrompt />
      </PageShell>
    );
  }

  const graveChosen = byDescription ? graveDescription.trim().length > 0 : !!martyrId;
  const problems = [
    !siteId && '请选择纪念设施',
    !graveChosen && (byDescription ? '请填写墓位描述' : '请选择烈士'),
    services.length === 0 && '请至少选择一项服务',
    !relationship.trim() && '请填写与烈士的关系',
    !looksLikeMobile(phone) && '请填写正确的手机号码',
  ].filter((p): p is string => !!p);
  const toggleService = (s: SweepService) => setServices((prev) => (prev.includes(s) ? prev.filter((x) => x !== s) : [...prev, s]));
  const chosenMartyr = martyrs.items.find((m) => m.id === martyrId);

  return (
    <PageShell className='family sweep-request'>
      <View className='section'>
        <Text className='muted'>家属因路途遥远不能前往时，可由纪念设施工作人员代为祭扫，并拍摄现场照片给您确认。</Text>
      </View>

      {siteId ? (
        <View className='section'>
          <Text className='section__title'>1. 纪念设施</Text>
          <View className='sweep-request__row'>
            <Text className='choice__title' data-testid='chosen-site'>
              {siteName ?? '加载中…'}
            </Text>
            {!params.siteId && (
              <Button className='btn' onClick={() => { setSite(null); setMartyrId(undefined); }}>
                重新选择
              </Button>
            )}
          </View>
        </View>
      ) : (
        <SitePicker onPick={(s) => { setSite(s); setMartyrId(undefined); }} />
      )}

      {siteId && (
        <View className='section'>
          <Text className='section__title'>2. 烈士墓位</Text>
          {byDescription ? (
            <>
              <Textarea
                className='textarea'
                value={graveDescription}
                maxlength={200}
                placeholder='请描述墓位，如：东区第三排 12 号，碑文“……”'
                aria-label='墓位描述'
                onInput={(e) => setGraveDescription(e.detail.value)}
              />
              <Button className='btn btn--block sweep-request__switch' onClick={() => setByDescription(false)}>
                从英名录中选择烈士
              </Button>
            </>
          ) : (
            <>
              {chosenMartyr && <Text className='sweep-request__chosen'>已选择：{chosenMartyr.name}烈士</Text>}
              <SearchBox value={martyrQ} placeholder='搜索烈士姓名' onSearch={setMartyrQ} />
              <StateView loading={martyrs.loading} error={martyrs.error} onRetry={martyrs.retry} empty={martyrs.items.length === 0} emptyText='英名录中没有找到'>
                {martyrs.items.map((m) => (
                  <View
                    key={m.id}
                    className={`choice${m.id === martyrId ? ' choice--on' : ''}`}
                    role='radio'
                    aria-checked={m.id === martyrId}
                    data-testid='martyr-choice'
                    onClick={() => setMartyrId(m.id)}
                  >
                    <Text className='choice__title'>{m.name}</Text>
                    {m.hometown && <Text className='muted'>{m.hometown}</Text>}
                  </View>
                ))}
                <LoadMore list={martyrs} />
              </StateView>
              <Button className='btn btn--block sweep-request__switch' onClick={() => setByDescription(true)}>
                找不到？填写墓位描述
              </Button>
            </>
          )}
        </View>
      )}

      <View className='section'>
        <Text className='section__title'>3. 服务项目</Text>
        <View className='toggles'>
          {SWEEP_SERVICES.map((s) => (
            <View
              key={s}
              className={`toggle${services.includes(s) ? ' toggle--on' : ''}`}
              role='checkbox'
              aria-checked={services.includes(s)}
              data-testid={`service-${s}`}
              onClick={() => toggleService(s)}
            >
              <Text>{services.includes(s) ? '✓ ' : ''}{SWEEP_SERVICE_LABELS[s]}</Text>
            </View>
          ))}
        </View>
      </View>

      <View className='section'>
        <Text className='section__title'>4. 期望日期</Text>
        <Picker mode='date' value={preferredDate} start={range.start} end={range.end} onChange={(e) => setPreferredDate(String(e.detail.value))}>
          <View className='input picker-field' data-testid='preferred-date'>
            <Text>{preferredDate}</Text>
          </View>
        </Picker>
        <Text className='muted'>可选 {range.start} 至 {range.end}，工作人员会尽量按期安排。</Text>
      </View>

      <View className='section'>
        <Text className='section__title'>5. 寄语（由工作人员在墓前宣读）</Text>
        <Textarea
          className='textarea'
          value={message}
          maxlength={500}
          placeholder='写给烈士的话（选填）'
          aria-label='寄语'
          onInput={(e) => setMessage(e.detail.value)}
        />
      </View>

      <View className='section'>
        <Text className='section__title'>6. 家属信息</Text>
        <Text className='form-label'>与烈士关系</Text>
        <View className='toggles'>
          {RELATIONSHIPS.map((r) => (
            <View key={r} className={`toggle${relationship === r ? ' toggle--on' : ''}`} role='radio' aria-checked={relationship === r} onClick={() => setRelationship(r)}>
              <Text>{r}</Text>
            </View>
          ))}
        </View>
        <Input
          className='input form-input'
          value={relationship}
          maxlength={20}
          placeholder='或直接填写，如：孙女'
          aria-label='与烈士关系'
          onInput={(e) => setRelationship(e.detail.value)}
        />
        <Text className='form-label'>联系电话</Text>
        <Input
          className='input form-input'
          type='number'
          value={phone}
          maxlength={11}
          placeholder='用于工作人员联系您'
          aria-label='联系电话'
          onInput={(e) => setPhone(e.detail.value)}
        />
        <Text className='muted'>电话加密保存，仅受理您申请的工作人员可见。</Text>
      </View>

      <View className='form-actions'>
        {problems.length > 0 && <Text className='muted'>{problems[0]}</Text>}
        {submit.error && (
          <View className='form-error' role='alert'>
            <Text>{describeError(submit.error)}</Text>
          </View>
        )}
        <Button
          className='btn btn--primary btn--block'
          data-testid='submit-sweep'
          loading={submit.pending}
          disabled={problems.length > 0 || submit.pending}
          onClick={() => void submit.submit()}
        >
          提交申请
        </Button>
      </View>
    </PageShell>
  );
}
