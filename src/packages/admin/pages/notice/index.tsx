import { Button, Input, Text, Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { useSession } from '@/hooks/use-session';
import { useSubmit } from '@/hooks/use-submit';
import { redirectTo, Routes, usePageParams } from '@/platform/navigation';
import { showToast } from '@/platform/ui';
import { postSiteNotice } from '@/services/tributes';
import { SignInGate } from '../../components/SignInGate';
import './index.scss';

/** A manager posts a notice on a site (opening changes, ceremonies); every follower of the site is told. */
export default function SiteNoticePage() {
  const { siteId, name } = usePageParams();
  const session = useSession();
  const manager = !!session?.user.roles.some((r) => r === 'admin' || r === 'site_manager');
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const post = useSubmit(async () => {
    const notice = await postSiteNotice(siteId as string, title.trim(), body.trim());
    showToast(`已发布，已通知 ${notice.notified} 位关注者`);
    redirectTo(Routes.adminSites);
  });

  if (!manager || !siteId) {
    return <SignInGate className='site-notice' text={manager ? '未指定纪念设施' : '仅管理员和纪念设施管理员可以发布公告'} signIn={!manager} actionsClassName='site-notice__actions' />;
  }

  const ready = title.trim().length > 0 && [...title.trim()].length <= 40 && body.trim().length > 0 && [...body.trim()].length <= 1000;
  return (
    <PageShell className='site-notice'>
      <View className='section'>
        <Text className='section__title'>{name ?? '纪念设施'}</Text>
        <Text className='muted'>公告会显示在设施页，并通知关注该设施的市民。</Text>
        <Text className='site-notice__label'>标题（40 字以内）</Text>
        <Input className='input site-notice__input' value={title} maxlength={40} aria-label='公告标题' onInput={(e) => setTitle(e.detail.value)} />
        <Text className='site-notice__label'>内容（1000 字以内）</Text>
        <Textarea className='site-notice__body' value={body} maxlength={1000} aria-label='公告内容' onInput={(e) => setBody(e.detail.value)} />
        {post.error && (
          <View className='site-notice__error' role='alert'>
            {post.error.message}
          </View>
        )}
      </View>
      <View className='site-notice__actions'>
        <Button className='btn btn--primary btn--block' loading={post.pending || undefined} disabled={post.pending || !ready || undefined} onClick={() => void post.submit()}>
          发布并通知关注者
        </Button>
      </View>
    </PageShell>
  );
}
