import { Button, View } from '@tarojs/components';
import { StateView } from '@/components/StateView';
import { navigateTo, Routes } from '@/platform/navigation';

/** Shown instead of a family page when nobody is signed in. */
export function SignInPrompt({ text = '请先登录后再申请或查看代祭扫' }: { text?: string }) {
  return (
    <View data-testid='sign-in-prompt'>
      <StateView empty emptyText={text} />
      <View className='form-actions'>
        <Button className='btn btn--primary btn--block' onClick={() => navigateTo(Routes.my)}>
          去登录
        </Button>
      </View>
    </View>
  );
}
