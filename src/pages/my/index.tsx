import { Button, Text, View } from '@tarojs/components';
import { ElderModeToggle } from '@/components/ElderModeToggle';
import { PageShell } from '@/components/PageShell';
import { useElderMode } from '@/hooks/use-elder-mode';
import { useSession } from '@/hooks/use-session';
import { useSubmit } from '@/hooks/use-submit';
import { navigateTo, Routes } from '@/platform/navigation';
import { showToast } from '@/platform/ui';
import { isMiniProgram } from '@/platform/login';
import { signInCitizen, signOut } from '@/services/auth';
import { isStaff } from '@/stores/session';
import './index.scss';

const ROLE_LABELS: Record<string, string> = { citizen: '市民', admin: '管理员', site_manager: '设施管理员', staff: '工作人员' };

/** Citizen sign-in: WeChat login in the mini-program, the demo sign-in in a browser. */
function CitizenSignIn() {
  const action = useSubmit(async () => {
    await signInCitizen();
    showToast('已登录');
  });
  return (
    <View className='section' data-testid='citizen-sign-in'>
      <Text className='muted'>祭扫、预约和代祭扫需要登录。{isMiniProgram() ? '' : '浏览器版使用本机生成的体验账号。'}</Text>
      {/* Taro's H5 button greys out when `loading`/`disabled` are present at all, even false. */}
      <Button className='btn btn--primary btn--block' {...(action.pending ? { loading: true, disabled: true } : {})} onClick={() => void action.submit()}>
        {isMiniProgram() ? '微信一键登录' : '体验登录'}
      </Button>
      {action.error && <Text className='my__error'>{action.error.message}</Text>}
    </View>
  );
}

/** 我的: 长辈模式, who is signed in, and the way into the staff console. */
export default function MyPage() {
  const [elder, setElder] = useElderMode();
  const session = useSession();

  return (
    <PageShell className='my'>
      <View className='section'>
        <ElderModeToggle enabled={elder} onChange={setElder} />
      </View>

      <View className='section'>
        <Text className='section__title'>账号</Text>
        {session ? (
          <View className='my__account'>
            <Text>已登录：{session.user.roles.map((r) => ROLE_LABELS[r] ?? r).join('、')}</Text>
            <Button className='btn' onClick={signOut}>
              退出登录
            </Button>
          </View>
        ) : (
          <Text className='muted'>未登录。浏览和导航无需登录。</Text>
        )}
      </View>

      {!session && <CitizenSignIn />}

      {session && (
        <View className='section'>
          <Text className='section__title'>网上祭扫</Text>
          <Button className='btn btn--block' data-testid='my-tributes-link' onClick={() => navigateTo(Routes.myTributes)}>
            我的祭扫与寄语
          </Button>
        </View>
      )}

      {session && (
        <View className='section'>
          <Text className='section__title'>预约祭扫</Text>
          <Button className='btn btn--block' data-testid='my-bookings-link' onClick={() => navigateTo(Routes.myBookings)}>
            我的预约
          </Button>
        </View>
      )}

      {session && !isStaff(session) && (
        <View className='section'>
          <Text className='section__title'>代祭扫</Text>
          <Text className='muted'>不能亲自前往时，可请纪念设施工作人员代为祭扫并拍照给您确认。</Text>
          <Button className='btn btn--block' data-testid='my-sweeps-link' onClick={() => navigateTo(Routes.familySweeps)}>
            我的代祭扫
          </Button>
        </View>
      )}

      <View className='section'>
        <Text className='section__title'>工作人员</Text>
        <Button
          className='btn btn--block'
          onClick={() => navigateTo(isStaff(session) ? Routes.adminSites : Routes.adminLogin)}
        >
          {isStaff(session) ? '进入管理端' : '工作人员登录'}
        </Button>
      </View>
    </PageShell>
  );
}
