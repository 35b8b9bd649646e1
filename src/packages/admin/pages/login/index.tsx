import { Button, Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { PageShell } from '@/components/PageShell';
import { useSubmit } from '@/hooks/use-submit';
import { redirectTo, Routes } from '@/platform/navigation';
import { signInStaff } from '@/services/auth';
import { ApiError } from '@/services/request';
import './index.scss';

function describeError(err: Error): string {
  if (err instanceof ApiError && err.status === 401) return '用户名或密码错误';
  return err.message;
}

/** Staff sign-in (POST /auth/staff) for the management console. */
export default function StaffLoginPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const login = useSubmit(async () => {
    await signInStaff(username.trim(), password);
    redirectTo(Routes.adminSites);
  });
  const ready = username.trim().length > 0 && password.length > 0;

  return (
    <PageShell className='staff-login'>
      <View className='section'>
        <Text className='section__title'>工作人员登录</Text>
        <Text className='muted'>纪念设施管理员和工作人员使用分配的账号登录。</Text>
        <View className='staff-login__field'>
          <Text className='staff-login__label'>用户名</Text>
          <Input
            className='input'
            value={username}
            maxlength={64}
            aria-label='用户名'
            placeholder='请输入用户名'
            onInput={(e) => setUsername(e.detail.value)}
          />
        </View>
        <View className='staff-login__field'>
          <Text className='staff-login__label'>密码</Text>
          <Input
            className='input'
            password
            value={password}
            maxlength={256}
            aria-label='密码'
            placeholder='请输入密码'
            onInput={(e) => setPassword(e.detail.value)}
            onConfirm={() => ready && void login.submit()}
          />
        </View>
        {login.error && (
          <View className='staff-login__error' role='alert'>
            <Text>{describeError(login.error)}</Text>
          </View>
        )}
        <Button
          className='btn btn--primary btn--block staff-login__submit'
          loading={login.pending}
          disabled={!ready || login.pending}
          onClick={() => void login.submit()}
        >
          登录
        </Button>
      </View>
    </PageShell>
  );
}
