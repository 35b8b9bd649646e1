import { View } from '@tarojs/components';
import { SiteCard, type SiteCardData } from '../SiteCard';

export interface SiteListProps {
  sites: readonly SiteCardData[];
  onOpen: (id: string) => void;
  /** Highlight the first row as the nearest (lists ordered by distance). */
  highlightFirst?: boolean;
}

/** Sites in the order given (nearest first for the home page). */
export function SiteList({ sites, onOpen, highlightFirst }: SiteListProps) {
  return (
    <View className='site-list' data-testid='site-list'>
      {sites.map((site, i) => (
        <SiteCard key={site.id} site={site} highlighted={highlightFirst && i === 0} onOpen={onOpen} />
      ))}
    </View>
  );
}
