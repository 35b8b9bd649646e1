import { Button, Text, Textarea, View } from '@tarojs/components';
import { useEffect, useRef, useState } from 'react';
import { TRIBUTE_KIND_INFO, TRIBUTE_KINDS, TRIBUTE_MESSAGE_MAX } from '@/constants/tribute-labels';
import type { TributeKind, TributeStats } from '@/types/api';
import './index.scss';

export interface TributeSheetOutcome {
  kind: TributeKind;
  stats: TributeStats;
  messageStatus?: 'published' | 'pending';
  messageError?: Error;
}

export interface TributeSheetProps {
  /** Who is honoured, e.g. 张英烈士 or a site's name. */
  targetName: string;
  signedIn: boolean;
  onSignIn: () => void;
  onOffer: (input: { kind: TributeKind; message?: string }) => Promise<TributeSheetOutcome>;
  onClose: () => void;
  /** Length of the short respectful animation before the result shows. */
  animationMs?: number;
}

type Stage = { name: 'choose' } | { name: 'sending' } | { name: 'honouring'; outcome: TributeSheetOutcome } | { name: 'done'; outcome: TributeSheetOutcome };

const length = (text: string) => [...text].length;

function countLine(outcome: TributeSheetOutcome): string {
  const { stats, kind } = outcome;
  if (kind === 'message') return `共 ${stats.total} 次祭扫，${stats.message} 条寄语`;
  return `累计${TRIBUTE_KIND_INFO[kind].label} ${stats[kind]} 次，共 ${stats.total} 次祭扫`;
}

/**
 * The tribute sheet (网上祭扫): choose 献花 / 点烛 / 鞠躬 / 寄语, optionally write words, see a short
 * respectful animation, then the updated count, and whether the words show now or await review.
 */
export function TributeSheet({ targetName, signedIn, onSignIn, onOffer, onClose, animationMs = 1600 }: TributeSheetProps) {
  const [kind, setKind] = useState<TributeKind>('flower');
  const [message, setMessage] = useState('');
  const [stage, setStage] = useState<Stage>({ name: 'choose' });
  const [error, setError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  const words = message.trim();
  const tooLong = length(words) > TRIBUTE_MESSAGE_MAX;
  const missingWords = kind === 'message' && !words;

  async function submit() {
    if (tooLong || missingWords || stage.name !== 'choose') return;
    setError(null);
    setStage({ name: 'sending' });
    try {
      const outcome = await onOffer({ kind, message: words || undefined });
      setStage({ name: 'honouring', outcome });
      timer.current = setTimeout(() => setStage({ name: 'done', outcome }), animationMs);
    } catch (err) {
      setError(err instanceof Error ? err.message : '提交失败，请稍后再试');
      setStage({ name: 'choose' });
    }
  }

  return (
    <View className='tribute-sheet' role='dialog' aria-label={`向${targetName}祭扫`}>
      <View className='tribute-sheet__mask' onClick={onClose} />
      <View className='tribute-sheet__panel'>
        <View className='tribute-sheet__header'>
          <Text className='tribute-sheet__title'>向{targetName}祭扫</Text>
          <Button className='btn tribute-sheet__close' aria-label='关闭' onClick={onClose}>
            关闭
          </Button>
        </View>

        {!signedIn ? (
          <View className='tribute-sheet__body'>
            <Text className='muted'>登录后即可献花、点烛、鞠躬和寄语。</Text>
            <Button className='btn btn--primary btn--block' onClick={onSignIn}>
              去登录
            </Button>
          </View>
        ) : stage.name === 'honouring' ? (
          <View className='tribute-sheet__body tribute-sheet__honouring' aria-live='polite'>
            <Text className={`tribute-sheet__icon tribute-sheet__icon--${stage.outcome.kind}`}>{TRIBUTE_KIND_INFO[stage.outcome.kind].icon}</Text>
            <Text className='tribute-sheet__solemn'>缅怀先烈 · 致敬英雄</Text>
          </View>
        ) : stage.name === 'done' ? (
          <View className='tribute-sheet__body' data-testid='tribute-result' aria-live='polite'>
            <Text className='tribute-sheet__done'>
              {TRIBUTE_KIND_INFO[stage.outcome.kind].icon} {TRIBUTE_KIND_INFO[stage.outcome.kind].done}
            </Text>
            <Text className='tribute-sheet__count' data-testid='tribute-count'>
              {countLine(stage.outcome)}
            </Text>
            {stage.outcome.messageStatus === 'pending' && (
              <Text className='tribute-sheet__note' data-testid='tribute-message-status'>
                您的寄语正在等待审核，审核通过后将公开展示。可在“我的祭扫”查看进度。
              </Text>
            )}
            {stage.outcome.messageStatus === 'published' && (
              <Text className='tribute-sheet__note' data-testid='tribute-message-status'>
                您的寄语已展示在寄语墙上。
              </Text>
            )}
            {stage.outcome.messageError && <Text className='tribute-sheet__error'>寄语未能提交：{stage.outcome.messageError.message}</Text>}
            <Button className='btn btn--primary btn--block' onClick={onClose}>
              完成
            </Button>
          </View>
        ) : (
          <View className='tribute-sheet__body'>
            <View className='tribute-sheet__kinds' role='radiogroup' aria-label='祭扫方式'>
              {TRIBUTE_KINDS.map((k) => (
                <View
                  key={k}
                  className={`tribute-sheet__kind ${kind === k ? 'tribute-sheet__kind--on' : ''}`}
                  role='radio'
                  aria-checked={kind === k}
                  data-testid={`tribute-kind-${k}`}
                  onClick={() => setKind(k)}
                >
                  <Text className='tribute-sheet__kind-icon'>{TRIBUTE_KIND_INFO[k].icon}</Text>
                  <Text>{TRIBUTE_KIND_INFO[k].label}</Text>
                </View>
              ))}
            </View>
            <Textarea
              className='tribute-sheet__message'
              value={message}
              maxlength={-1}
              placeholder={kind === 'message' ? '写下您的寄语（必填）' : '写几句寄语（可选）'}
              aria-label='寄语'
              onInput={(e) => setMessage(e.detail.value)}
            />
            <View className='tribute-sheet__hint'>
              <Text className='muted'>寄语经审核后公开展示，请文明留言。</Text>
              <Text className={tooLong ? 'tribute-sheet__error' : 'muted'}>
                {length(words)}/{TRIBUTE_MESSAGE_MAX}
              </Text>
            </View>
            {error && (
              <View className='tribute-sheet__error' role='alert'>
                {error}
              </View>
            )}
            <Button
              className='btn btn--primary btn--block'
              loading={stage.name === 'sending' || undefined}
              disabled={stage.name === 'sending' || tooLong || missingWords || undefined}
              onClick={() => void submit()}
            >
              {stage.name === 'sending' ? '提交中…' : `${TRIBUTE_KIND_INFO[kind].label}${words && kind !== 'message' ? '并寄语' : ''}`}
            </Button>
          </View>
        )}
      </View>
    </View>
  );
}
