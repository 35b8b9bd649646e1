import { Button, View } from '@tarojs/components';
import { PageShell } from '@/components/PageShell';
import { StateView } from '@/components/StateView';
import { redirectTo, Routes } from '@/platform/navigation';

export interface SignInGateProps {
  /** The page's root class, so the gate looks like the page it stands for. */
  className?: string;
  /** Why the page is not shown. */
  text?: string;
  /** Offer 去登录 (false when the caller is signed in but the page lacks a parameter, e.g. its site). */
  signIn?: boolean;
  /** Class of the box around 去登录 (each page's own actions row). */
  actionsClassName?: string;
}

/** What a console page shows instead of itself to someone who may not use it: why, and 去登录. */
export function SignInGate({ className, text = '请先以工作人员身份登录', signIn = true, actionsClassName }: SignInGateProps) {
  const button = (
    <Button className='btn btn--primary btn--block' onClick={() => redirectTo(Routes.adminLogin)}>
      去登录
    </Button>
  );
  return (
    <PageShell className={className}>
      <StateView empty emptyText={text} />
      {signIn && (actionsClassName ? <View className={actionsClassName}>{button}</View> : button)}
    </PageShell>
  );
}
