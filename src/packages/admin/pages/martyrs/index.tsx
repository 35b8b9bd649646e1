import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { SearchBox } from '@/components/SearchBox';
import { StateView } from '@/components/StateView';
import { useAsync } from '@/hooks/use-async';
import { usePagedList } from '@/hooks/use-paged-list';
import { useSession } from '@/hooks/use-session';
import { useSubmit } from '@/hooks/use-submit';
import { setPageTitle, usePageParams } from '@/platform/navigation';
import { showToast } from '@/platform/ui';
import { ApiError } from '@/services/request';
import { createMartyr, listAdminMartyrs, listAdminSites, updateMartyr } from '@/services/site-admin';
import { isStaff } from '@/stores/session';
import type { AdminMartyr } from '@/types/api';
import { LoadMore } from '@/components/LoadMore';
import { createBody, martyrForm, martyrFormError, martyrPatch, type MartyrForm } from '../../utils/martyr-form';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

type TextKey = Exclude<keyof MartyrForm, 'gender'>;

/** A site's martyrs (英名录): add, edit with the version check, move to another of the manager's sites. */
export default function MartyrsPage() {
  const { siteId, name } = usePageParams();
  const session = useSession();
  const roles = session?.user.roles ?? [];
  const canEdit = roles.includes('admin') || (roles.includes('site_manager') && !!siteId && !!session?.user.siteIds?.includes(siteId));
  const [q, setQ] = useState('');
  const list = usePagedList((cursor) => listAdminMartyrs(siteId!, { q: q || undefined, cursor }), [siteId, q], isStaff(session) && !!siteId);
  const sites = useAsync(() => listAdminSites({ limit: 100 }).then((p) => p.items), [], canEdit);
  const [editing, setEditing] = useState<AdminMartyr | 'new' | null>(null);
  const [form, setForm] = useState<MartyrForm>(martyrForm());
  const [moveTo, setMoveTo] = useState<string>('');
  useEffect(() => {
    if (name) setPageTitle(`${name} · 英名录`);
  }, [name]);

  const save = useSubmit(async () => {
    const problem = martyrFormError(form);
    if (problem) throw new Error(problem);
    if (editing === 'new') {
      await createMartyr(siteId!, createBody(form));
      showToast('已添加');
    } else if (editing) {
      const patch = { ...martyrPatch(editing, form), ...(moveTo && moveTo !== editing.siteId ? { siteId: moveTo } : {}) };
      if (Object.keys(patch).length === 0) throw new Error('没有修改');
      await updateMartyr(editing.id, editing.version, patch);
      showToast(moveTo && moveTo !== editing.siteId ? '已迁移' : '已保存');
    }
    setEditing(null);
    list.reload();
  });

  if (!isStaff(session) || !siteId) {
    return <SignInGate className='console' text={isStaff(session) ? '请从设施档案进入' : '请先以工作人员身份登录'} signIn={!isStaff(session)} />;
  }

  const open = (m: AdminMartyr | 'new') => {
    setEditing(m);
    setForm(martyrForm(m === 'new' ? undefined : m));
    setMoveTo(m === 'new' ? '' : m.siteId);
  };
  const input = (key: TextKey, label: string, max = 60) => (
    <View className='console__field'>
      <Text className='console__label'>{label}</Text>
      <Input className='input' value={form[key]} maxlength={max} aria-label={label} onInput={(e) => setForm({ ...form, [key]: e.detail.value })} />
    </View>
  );
  const conflict = save.error instanceof ApiError && save.error.status === 409;

  return (
    <PageShell className='console'>
      {canEdit && (
        <View className='console__bar'>
          <Button className='btn btn--primary' onClick={() => open('new')}>
            添加烈士
          </Button>
        </View>
      )}
      {editing && (
        <View className='section' data-testid='martyr-editor'>
          <Text className='section__title'>{editing === 'new' ? '添加烈士' : `编辑：${editing.name}（版本 ${editing.version}）`}</Text>
          {editing === 'new' && input('code', '编号（可选，用于导入对应）', 40)}
          {input('name', '姓名', 30)}
          <View className='console__field'>
            <Text className='console__label'>性别</Text>
            <View className='console__choices' role='radiogroup' aria-label='性别'>
              {([['', '未填'], ['male', '男'], ['female', '女']] as const).map(([v, label]) => (
                <View key={v} role='radio' aria-checked={form.gender === v} className={`console__choice ${form.gender === v ? 'console__choice--on' : ''}`} onClick={() => setForm({ ...form, gender: v })}>
                  {label}
                </View>
              ))}
            </View>
          </View>
          <View className='console__pair'>
            {input('birthYear', '出生年份', 4)}
            {input('deathYear', '牺牲年份', 4)}
          </View>
          {input('hometown', '籍贯')}
          {input('unit', '部队/单位', 100)}
          {input('gravePosition', '墓位（区、排、号）')}
          <View className='console__field'>
            <Text className='console__label'>事迹</Text>
            <Textarea className='console__textarea' value={form.deeds} maxlength={5000} aria-label='事迹' onInput={(e) => setForm({ ...form, deeds: e.detail.value })} />
          </View>
          {editing !== 'new' && (sites.data?.length ?? 0) > 1 && (
            <View className='console__field'>
              <Text className='console__label'>所属纪念设施（选择其他设施即迁移）</Text>
              <View className='console__choices'>
                {sites.data!.map((s) => (
                  <View key={s.id} role='radio' aria-checked={moveTo === s.id} className={`console__choice ${moveTo === s.id ? 'console__choice--on' : ''}`} onClick={() => setMoveTo(s.id)}>
                    {s.name}
                  </View>
                ))}
              </View>
            </View>
          )}
          {save.error && (
            <View className='console__error' role='alert'>
              <Text>{conflict ? `您的修改没有保存：${save.error.message}。请收起后重新打开以载入最新内容。` : save.error.message}</Text>
            </View>
          )}
          <View className='console__bar'>
            <Button className='btn btn--primary' loading={save.pending || undefined} disabled={save.pending || undefined} onClick={() => void save.submit()}>
              保存
            </Button>
            <Button className='btn' onClick={() => setEditing(null)}>
              收起
            </Button>
          </View>
        </View>
      )}
      <SearchBox value={q} placeholder='按姓名或籍贯搜索' onSearch={setQ} />
      <StateView loading={list.loading} error={list.error} onRetry={list.retry} empty={list.items.length === 0} emptyText='英名录还是空的'>
        {list.items.map((m) => (
          <View key={m.id} className='section console__item' role='button' data-testid='martyr-item' onClick={() => canEdit && open(m)}>
            <Text className='console__name'>{m.name}</Text>
            <Text className='muted'>
              {[m.gender === 'male' ? '男' : m.gender === 'female' ? '女' : '', m.birthYear && m.deathYear ? `${m.birthYear}–${m.deathYear}` : '', m.hometown ?? '', m.gravePosition ?? ''].filter(Boolean).join(' · ')}
            </Text>
            {m.code && <Text className='muted'>编号 {m.code}</Text>}
          </View>
        ))}
        <LoadMore list={list} />
      </StateView>
    </PageShell>
  );
}
