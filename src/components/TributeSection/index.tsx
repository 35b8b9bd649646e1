import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { FollowHookState } from '@/hooks/use-follow';
import type { TributesState } from '@/hooks/use-tributes';
import { FollowButton } from '../FollowButton';
import { StateView } from '../StateView';
import { TributeSheet } from '../TributeSheet';
import { TributeStats } from '../TributeStats';
import { TributeWall } from '../TributeWall';
import './index.scss';

export interface TributeSectionProps {
  /** Who is honoured, e.g. 张英烈士 or a site's name. */
  targetName: string;
  tributes: TributesState;
  follow: FollowHookState;
  signedIn: boolean;
  onSignIn: () => void;
  /** False for a closed site: the wall shows, new tributes are not taken. */
  open?: boolean;
  /** On a site's wall, name the martyr each tribute was for. */
  showMartyr?: boolean;
}

/** 网上祭扫 on a site or martyr page: the counts, the tribute button and sheet, 关注, and the wall. */
export function TributeSection({ targetName, tributes, follow, signedIn, onSignIn, open = true, showMartyr }: TributeSectionProps) {
  const [sheetOpen, setSheetOpen] = useState(false);
  const { wall } = tributes;
  return (
    <View className='section tribute-section'>
      <Text className='section__title'>网上祭扫</Text>
      <StateView loading={tributes.statsLoading} error={tributes.statsError} onRetry={tributes.retryStats} empty={!tributes.stats}>
        <TributeStats stats={tributes.stats} />
      </StateView>
      <View className='tribute-section__actions'>
        {open ? (
          <Button className='btn btn--primary tribute-section__offer' data-testid='open-tribute' onClick={() => setSheetOpen(true)}>
            献花 · 点烛 · 鞠躬 · 寄语
          </Button>
        ) : (
          <Text className='muted'>该纪念设施暂停开放，暂不接受网上祭扫。</Text>
        )}
        {signedIn && follow.state && (
          <FollowButton following={follow.state.following} followers={follow.state.followers} pending={follow.pending} onToggle={() => void follow.toggle()} />
        )}
      </View>

      <Text className='section__title tribute-section__wall-title'>祭扫墙</Text>
      <StateView loading={wall.loading} error={wall.error} onRetry={wall.retry} empty={wall.items.length === 0} emptyText='还没有人祭扫，您可以献上第一束花'>
        <TributeWall items={wall.items} hasMore={wall.hasMore} loadingMore={wall.loadingMore} onLoadMore={wall.loadMore} showMartyr={showMartyr} />
      </StateView>

      {sheetOpen && (
        <TributeSheet
          targetName={targetName}
          signedIn={signedIn}
          onSignIn={() => {
            setSheetOpen(false);
            onSignIn();
          }}
          onOffer={tributes.offer}
          onClose={() => setSheetOpen(false)}
        />
      )}
    </View>
  );
}
