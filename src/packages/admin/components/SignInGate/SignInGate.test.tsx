import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { taro } from '@/test/fake-taro';
import { SignInGate } from './index';

describe('SignInGate', () => {
  it('says why the page is not shown and sends the visitor to the staff sign-in', () => {
    render(<SignInGate className='console' text='仅管理员可以管理账号' actionsClassName='form-actions' />);
    expect(screen.getByText('仅管理员可以管理账号')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: '去登录' }));
    expect(taro.redirectTo).toHaveBeenCalledWith({ url: '/packages/admin/pages/login/index' });
  });

  it('without signIn (a signed-in caller missing the site), shows only the reason', () => {
    render(<SignInGate text='请从设施档案进入' signIn={false} />);
    expect(screen.getByText('请从设施档案进入')).toBeTruthy();
    expect(screen.queryByRole('button', { name: '去登录' })).toBeNull();
  });
});
