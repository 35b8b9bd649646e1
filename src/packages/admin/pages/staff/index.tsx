import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { SearchBox } from '@/components/SearchBox';
import { StateView } from '@/components/StateView';
import { useAsync } from '@/hooks/use-async';
import { usePagedList } from '@/hooks/use-paged-list';
import { useSession } from '@/hooks/use-session';
import { useSubmit } from '@/hooks/use-submit';
import { confirm, showToast } from '@/platform/ui';
import { createStaff, listAdminSites, listStaff, resetStaffPassword, updateStaff } from '@/services/site-admin';
import type { AdminSiteSummary, StaffRole, StaffView } from '@/types/api';
import { LoadMore } from '@/components/LoadMore';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

const ROLES: Array<[StaffRole, string]> = [
  ['staff', '工作人员'],
  ['site_manager', '设施管理员'],
  ['admin', '管理员（全市）'],
];

interface Draft {
  username: string;
  password: string;
  displayName: string;
  role: StaffRole;
  siteIds: string[];
}

const EMPTY: Draft = { username: '', password: '', displayName: '', role: 'staff', siteIds: [] };

function SitePicker({ sites, value, onChange }: { sites: AdminSiteSummary[]; value: string[]; onChange: (ids: string[]) => void }) {
  return (
    <View className='console__choices'>
      {sites.map((s) => {
        const on = value.includes(s.id);
        return (
          <View key={s.id} role='checkbox' aria-checked={on} className={`console__choice ${on ? 'console__choice--on' : ''}`} onClick={() => onChange(on ? value.filter((v) => v !== s.id) : [...value, s.id])}>
            {s.name}
          </View>
        );
      })}
    </View>
  );
}

/** Staff accounts (admins): create, assign sites, reset passwords, disable. */
export default function StaffPage() {
  const session = useSession();
  const admin = !!session?.user.roles.includes('admin');
  const [q, setQ] = useState('');
  const list = usePagedList((cursor) => listStaff({ q: q || undefined, cursor }), [q], admin);
  const sites = useAsync(() => listAdminSites({ limit: 100 }).then((p) => p.items), [], admin);
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const [editing, setEditing] = useState<string | null>(null);
  const [editSites, setEditSites] = useState<string[]>([]);
  const [newPassword, setNewPassword] = useState('');

  const create = useSubmit(async () => {
    await createStaff({
      username: draft.username.trim(),
      password: draft.password,
      ...(draft.displayName.trim() ? { displayName: draft.displayName.trim() } : {}),
      roles: [draft.role],
      siteIds: draft.role === 'admin' ? [] : draft.siteIds,
    });
    showToast('账号已创建');
    setDraft(EMPTY);
    list.reload();
  });
  const change = useSubmit(async (account: StaffView, body: Parameters<typeof updateStaff>[1]) => {
    await updateStaff(account.id, body);
    showToast('已保存');
    setEditing(null);
    list.reload();
  });
  const reset = useSubmit(async (account: StaffView) => {
    await resetStaffPassword(account.id, newPassword);
    showToast('密码已重置，原登录已失效');
    setNewPassword('');
  });

  if (!admin) {
    return <SignInGate className='console' text='仅管理员可以管理账号' />;
  }

  const siteName = (id: string) => sites.data?.find((s) => s.id === id)?.name ?? id;
  const error = create.error ?? change.error ?? reset.error;

  return (
    <PageShell className='console'>
      <View className='section'>
        <Text className='section__title'>新建账号</Text>
        <View className='console__field'>
          <Text className='console__label'>用户名</Text>
          <Input className='input' value={draft.username} maxlength={32} aria-label='新账号用户名' onInput={(e) => setDraft({ ...draft, username: e.detail.value })} />
        </View>
        <View className='console__field'>
          <Text className='console__label'>初始密码（至少 8 位）</Text>
          <Input className='input' password value={draft.password} maxlength={128} aria-label='初始密码' onInput={(e) => setDraft({ ...draft, password: e.detail.value })} />
        </View>
        <View className='console__field'>
          <Text className='console__label'>姓名（可选）</Text>
          <Input className='input' value={draft.displayName} maxlength={30} aria-label='姓名' onInput={(e) => setDraft({ ...draft, displayName: e.detail.value })} />
        </View>
        <View className='console__field'>
          <Text className='console__label'>角色</Text>
          <View className='console__choices' role='radiogroup' aria-label='角色'>
            {ROLES.map(([r, label]) => (
              <View key={r} role='radio' aria-checked={draft.role === r} className={`console__choice ${draft.role === r ? 'console__choice--on' : ''}`} onClick={() => setDraft({ ...draft, role: r })}>
                {label}
              </View>
            ))}
          </View>
        </View>
        {draft.role !== 'admin' && (
          <View className='console__field'>
            <Text className='console__label'>负责的纪念设施</Text>
            <SitePicker sites={sites.data ?? []} value={draft.siteIds} onChange={(siteIds) => setDraft({ ...draft, siteIds })} />
          </View>
        )}
        <Button
          className='btn btn--primary btn--block'
          loading={create.pending || undefined}
          disabled={create.pending || draft.username.trim().length < 3 || draft.password.length < 8 || (draft.role !== 'admin' && draft.siteIds.length === 0) || undefined}
          onClick={() => void create.submit()}
        >
          创建账号
        </Button>
      </View>

      {error && (
        <View className='console__error' role='alert'>
          <Text>{error.message}</Text>
        </View>
      )}

      <SearchBox value={q} placeholder='按用户名或姓名搜索' onSearch={setQ} />
      <StateView loading={list.loading} error={list.error} onRetry={list.retry} empty={list.items.length === 0} emptyText='没有账号'>
        {list.items.map((a) => (
          <View key={a.id} className='section console__item' data-testid='staff-item'>
            <View className='console__row'>
              <Text className='console__name'>{a.username}</Text>
              {a.displayName && <Text className='muted'>{a.displayName}</Text>}
              {a.disabled && <Text className='console__flag'>已停用</Text>}
            </View>
            <Text className='muted'>
              {a.roles.map((r) => ROLES.find(([v]) => v === r)?.[1] ?? r).join('、')}
              {a.siteIds.length > 0 ? ` · ${a.siteIds.map(siteName).join('、')}` : ''}
            </Text>
            {editing === a.id ? (
              <>
                {!a.roles.includes('admin') && (
                  <>
                    <Text className='console__label'>负责的纪念设施</Text>
                    <SitePicker sites={sites.data ?? []} value={editSites} onChange={setEditSites} />
                    <Button className='btn btn--primary' disabled={change.pending || editSites.length === 0 || undefined} onClick={() => void change.submit(a, { siteIds: editSites })}>
                      保存分配
                    </Button>
                  </>
                )}
                <Text className='console__label'>新密码（至少 8 位）</Text>
                <Input className='input' password value={newPassword} maxlength={128} aria-label='新密码' onInput={(e) => setNewPassword(e.detail.value)} />
                <View className='console__bar'>
                  <Button className='btn' disabled={reset.pending || newPassword.length < 8 || undefined} onClick={() => void reset.submit(a)}>
                    重置密码
                  </Button>
                  <Button
                    className='btn'
                    disabled={change.pending || a.id === session?.user.id || undefined}
                    onClick={async () => {
                      if (!a.disabled && !(await confirm('停用账号', `停用后 ${a.username} 将立即无法使用，确定吗？`))) return;
                      void change.submit(a, { disabled: !a.disabled });
                    }}
                  >
                    {a.disabled ? '启用账号' : '停用账号'}
                  </Button>
                  <Button className='btn' onClick={() => setEditing(null)}>
                    收起
                  </Button>
                </View>
              </>
            ) : (
              <Button
                className='btn'
                onClick={() => {
                  setEditing(a.id);
                  setEditSites(a.siteIds);
                  setNewPassword('');
                }}
              >
                管理
              </Button>
            )}
          </View>
        ))}
        <LoadMore list={list} />
      </StateView>
    </PageShell>
  );
}
