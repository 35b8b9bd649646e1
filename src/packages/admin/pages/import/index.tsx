import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { useSession } from '@/hooks/use-session';
import { useSubmit } from '@/hooks/use-submit';
import { pickTableFile } from '@/platform/files';
import { importTable } from '@/services/site-admin';
import type { ImportReport } from '@/types/api';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

type Kind = 'sites' | 'martyrs';

const HEADERS: Record<Kind, string> = {
  sites: 'code,name,level,category,district,address,lat,lng,coordSystem,openingHours,phone,intro（可另加 status、custodian、plateId、protectionLevel 等列）',
  martyrs: 'siteCode,code,name,gender,birthYear,deathYear,hometown,unit,deeds,gravePosition,graveLat,graveLng,coordSystem',
};

/** Import of sites (admins) or martyrs (admins, managers for their sites) from CSV/XLSX, with the row-by-row report. */
export default function ImportPage() {
  const session = useSession();
  const roles = session?.user.roles ?? [];
  const admin = roles.includes('admin');
  const manager = admin || roles.includes('site_manager');
  const [kind, setKind] = useState<Kind>(admin ? 'sites' : 'martyrs');
  const [fileName, setFileName] = useState('');
  const [report, setReport] = useState<ImportReport | null>(null);
  const run = useSubmit(async () => {
    const file = await pickTableFile();
    if (!file) return;
    setReport(null);
    setFileName(file.name);
    setReport(await importTable(kind, file.bytes, file.name));
  });

  if (!manager) {
    return <SignInGate className='console' text='仅管理员和纪念设施管理员可以导入' />;
  }

  return (
    <PageShell className='console'>
      <View className='section'>
        <View className='console__tabs' role='tablist'>
          {(admin ? (['sites', 'martyrs'] as const) : (['martyrs'] as const)).map((k) => (
            <View key={k} role='tab' aria-selected={kind === k} className={`console__tab ${kind === k ? 'console__tab--on' : ''}`} onClick={() => setKind(k)}>
              {k === 'sites' ? '纪念设施' : '烈士名录'}
            </View>
          ))}
        </View>
        <Text className='console__label'>CSV（UTF-8）或 XLSX，第一行为表头：</Text>
        <Text className='console__hint' userSelect>
          {HEADERS[kind]}
        </Text>
        <Text className='console__hint'>按编号（code）新增或更新；同一文件重复导入不会产生改动。出错的行不影响其他行。</Text>
        <Button className='btn btn--primary btn--block' loading={run.pending || undefined} disabled={run.pending || undefined} onClick={() => void run.submit()}>
          选择文件并导入
        </Button>
        {run.error && (
          <View className='console__error' role='alert'>
            <Text>{run.error.message}</Text>
          </View>
        )}
      </View>
      {report && (
        <View className='section' data-testid='import-report'>
          <Text className='section__title'>{fileName} 导入结果</Text>
          <Text className='console__ok'>
            共 {report.total} 行：新增 {report.created}，更新 {report.updated}，未变化 {report.unchanged}，失败 {report.failed.length}
          </Text>
          {report.ignoredColumns.length > 0 && <Text className='console__hint'>未识别的列（已忽略）：{report.ignoredColumns.join('、')}</Text>}
          {report.failed.map((f) => (
            <View key={f.row} className='console__field' data-testid='import-failure'>
              <Text className='console__flag'>
                第 {f.row} 行{f.code ? `（${f.code}）` : ''}
              </Text>
              {f.errors.map((e, i) => (
                <Text key={i} className='console__hint'>
                  {e.field}：{e.message}
                </Text>
              ))}
            </View>
          ))}
        </View>
      )}
    </PageShell>
  );
}
