import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { useAsync } from '@/hooks/use-async';
import { useSession } from '@/hooks/use-session';
import { useSubmit } from '@/hooks/use-submit';
import { saveTextFile } from '@/platform/files';
import { showToast } from '@/platform/ui';
import { getStatistics, getStatisticsCsv, listAdminSites, type StatsQuery } from '@/services/site-admin';
import { barPercent, seriesOf } from '../../utils/stats-chart';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

const RANGES = [7, 30, 90] as const;

function shanghaiToday(): string {
  return new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
}

function daysBefore(date: string, n: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - n * 86_400_000).toISOString().slice(0, 10);
}

/** Statistics by day for one site or all the manager's sites (city-wide for admins), as charts and CSV. */
export default function StatsPage() {
  const session = useSession();
  const roles = session?.user.roles ?? [];
  const manager = roles.includes('admin') || roles.includes('site_manager');
  const [days, setDays] = useState<(typeof RANGES)[number]>(30);
  const [siteId, setSiteId] = useState<string | undefined>();
  const to = shanghaiToday();
  const query: StatsQuery = { from: daysBefore(to, days - 1), to, ...(siteId ? { siteId } : {}) };
  const sites = useAsync(() => listAdminSites({ limit: 100 }).then((p) => p.items), [], manager);
  const report = useAsync(() => getStatistics(query), [days, siteId], manager);
  const exportCsv = useSubmit(async () => {
    const csv = await getStatisticsCsv(query);
    const how = await saveTextFile(`统计_${query.from}_${query.to}.csv`, csv);
    showToast(how === 'download' ? '已下载' : '已复制，可粘贴到表格中');
  });

  if (!manager) {
    return <SignInGate className='console' text='仅管理员和纪念设施管理员可以查看统计' />;
  }

  const series = report.data ? seriesOf(report.data) : [];
  return (
    <PageShell className='console'>
      <View className='section'>
        <View className='console__tabs' role='tablist'>
          {RANGES.map((n) => (
            <View key={n} role='tab' aria-selected={days === n} className={`console__tab ${days === n ? 'console__tab--on' : ''}`} onClick={() => setDays(n)}>
              近 {n} 天
            </View>
          ))}
        </View>
        <View className='console__choices'>
          <View role='radio' aria-checked={!siteId} className={`console__choice ${!siteId ? 'console__choice--on' : ''}`} onClick={() => setSiteId(undefined)}>
            {roles.includes('admin') ? '全市' : '我的全部设施'}
          </View>
          {(sites.data ?? []).map((s) => (
            <View key={s.id} role='radio' aria-checked={siteId === s.id} className={`console__choice ${siteId === s.id ? 'console__choice--on' : ''}`} onClick={() => setSiteId(s.id)}>
              {s.name}
            </View>
          ))}
        </View>
        <Button className='btn' loading={exportCsv.pending || undefined} onClick={() => void exportCsv.submit()}>
          导出 CSV
        </Button>
        {exportCsv.error && (
          <View className='console__error' role='alert'>
            <Text>{exportCsv.error.message}</Text>
          </View>
        )}
      </View>
      <StateView loading={report.loading} error={report.error} onRetry={report.retry}>
        {report.data && (
          <>
            {series.map((s) => (
              <View key={s.key} className='section' data-testid={`chart-${s.key}`}>
                <Text className='section__title'>
                  {s.title}：合计 {s.total}
                </Text>
                <View className='stats__chart' aria-label={`${s.title}每日柱状图`}>
                  {s.values.map((v) => (
                    <View key={v.date} className='stats__bar' style={{ height: `${barPercent(v.value, s.max)}%` }} aria-label={`${v.date} ${v.value}`} />
                  ))}
                </View>
                <View className='stats__axis'>
                  <Text>{report.data!.from}</Text>
                  <Text>最高 {s.max}</Text>
                  <Text>{report.data!.to}</Text>
                </View>
              </View>
            ))}
            {report.data.totals.tributes && (
              <View className='section stats__table'>
                <Text className='section__title'>网上祭扫（按类型）</Text>
                <Text>
                  献花 {report.data.totals.tributes.flower} · 点烛 {report.data.totals.tributes.candle} · 鞠躬 {report.data.totals.tributes.bow} · 寄语 {report.data.totals.tributes.message}
                </Text>
              </View>
            )}
          </>
        )}
      </StateView>
    </PageShell>
  );
}
