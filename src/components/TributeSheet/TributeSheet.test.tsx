import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '@/services/request';
import { TributeSheet, type TributeSheetOutcome } from '.';

const stats = (over: Partial<TributeSheetOutcome['stats']> = {}) => ({ flower: 0, candle: 0, bow: 0, message: 0, total: 0, ...over });

function renderSheet(onOffer = vi.fn(async (): Promise<TributeSheetOutcome> => ({ kind: 'flower', stats: stats({ flower: 8, total: 12 }) })), signedIn = true) {
  const onClose = vi.fn();
  const onSignIn = vi.fn();
  render(<TributeSheet targetName='张英烈士' signedIn={signedIn} onSignIn={onSignIn} onOffer={onOffer} onClose={onClose} animationMs={20} />);
  return { onOffer, onClose, onSignIn };
}

describe('TributeSheet', () => {
  it('offers a flower with words, shows the solemn animation, then the new count and that the words await review', async () => {
    const onOffer = vi.fn(async (): Promise<TributeSheetOutcome> => ({ kind: 'flower', stats: stats({ flower: 8, total: 12 }), messageStatus: 'pending' }));
    renderSheet(onOffer);
    fireEvent.change(screen.getByLabelText('寄语'), { target: { value: '  先烈千古  ' } });
    fireEvent.click(screen.getByRole('button', { name: '献花并寄语' }));

    await waitFor(() => expect(screen.getByText('缅怀先烈 · 致敬英雄')).toBeTruthy());
    expect(onOffer).toHaveBeenCalledWith({ kind: 'flower', message: '先烈千古' });
    await waitFor(() => expect(screen.getByTestId('tribute-result')).toBeTruthy());
    expect(screen.getByTestId('tribute-count').textContent).toBe('累计献花 8 次，共 12 次祭扫');
    expect(screen.getByTestId('tribute-message-status').textContent).toContain('等待审核');
  });

  it('sends a candle without words when none are written', async () => {
    const onOffer = vi.fn(async (): Promise<TributeSheetOutcome> => ({ kind: 'candle', stats: stats({ candle: 1, total: 1 }) }));
    renderSheet(onOffer);
    fireEvent.click(screen.getByTestId('tribute-kind-candle'));
    expect(screen.getByTestId('tribute-kind-candle').getAttribute('aria-checked')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: '点烛' }));
    await waitFor(() => expect(screen.getByTestId('tribute-count').textContent).toBe('累计点烛 1 次，共 1 次祭扫'));
    expect(onOffer).toHaveBeenCalledWith({ kind: 'candle', message: undefined });
    expect(screen.queryByTestId('tribute-message-status')).toBeNull();
  });

  it('will not send kind 寄语 without words, nor words over 200 characters', () => {
    const { onOffer } = renderSheet();
    fireEvent.click(screen.getByTestId('tribute-kind-message'));
    const send = screen.getByRole('button', { name: '寄语' }) as HTMLButtonElement;
    expect(send.disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('寄语'), { target: { value: '敬'.repeat(201) } });
    expect(screen.getByText('201/200')).toBeTruthy();
    expect(send.disabled).toBe(true);
    fireEvent.click(send);
    expect(onOffer).not.toHaveBeenCalled();
  });

  it('shows the API’s message when the tribute is refused, and lets the user try again', async () => {
    const onOffer = vi.fn(async (): Promise<TributeSheetOutcome> => {
      throw new ApiError('RATE_LIMITED', '献礼过于频繁，请稍后再试', 429);
    });
    renderSheet(onOffer);
    fireEvent.click(screen.getByRole('button', { name: '献花' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('献礼过于频繁，请稍后再试'));
    expect((screen.getByRole('button', { name: '献花' }) as HTMLButtonElement).disabled).toBe(false);
  });

  it('asks a signed-out user to sign in instead of offering', () => {
    const { onSignIn, onOffer } = renderSheet(undefined, false);
    fireEvent.click(screen.getByRole('button', { name: '去登录' }));
    expect(onSignIn).toHaveBeenCalledTimes(1);
    expect(onOffer).not.toHaveBeenCalled();
  });
});
