import { Text, View } from '@tarojs/components';
import { memo } from 'react';
import { CATEGORY_LABELS, LEVEL_LABELS } from '@/constants/labels';
import type { SiteCategory, SiteLevel } from '@/types/api';
import { formatDistance } from '@/utils/geo';
import { SampleDataBadge } from '../SampleDataBadge';
import './index.scss';

/** What a card shows: any site row with a distance from the user. */
export interface SiteCardData {
  id: string;
  name: string;
  level: SiteLevel;
  category?: SiteCategory;
  district?: string;
  address?: string;
  distanceMeters?: number;
  openNow?: boolean;
  sample?: boolean;
}

export interface SiteCardProps {
  site: SiteCardData;
  /** Marks the nearest site. */
  highlighted?: boolean;
  onOpen: (id: string) => void;
}

function SiteCardView({ site, highlighted, onOpen }: SiteCardProps) {
  const distance = site.distanceMeters === undefined ? '' : formatDistance(site.distanceMeters);
  return (
    <View
      className={`site-card${highlighted ? ' site-card--nearest' : ''}`}
      data-testid='site-card'
      data-site-id={site.id}
      role='button'
      aria-label={distance ? `${site.name}，距离${distance}` : site.name}
      hoverClass='site-card--pressed'
      onClick={() => onOpen(site.id)}
    >
      <View className='site-card__main'>
        <Text className='site-card__name'>{site.name}</Text>
        <View className='site-card__meta'>
          <Text className='tag'>{LEVEL_LABELS[site.level] ?? site.level}</Text>
          {site.category && <Text className='site-card__category'>{CATEGORY_LABELS[site.category] ?? site.category}</Text>}
          {site.district && <Text className='site-card__district'>{site.district}</Text>}
          {site.openNow === true && <Text className='tag tag--ok'>开放中</Text>}
          {site.openNow === false && <Text className='site-card__closed'>已闭馆</Text>}
          {site.sample && <SampleDataBadge />}
        </View>
        {site.address && <Text className='site-card__address'>{site.address}</Text>}
      </View>
      {distance && (
        <View className='site-card__side'>
          {highlighted && <Text className='site-card__nearest'>最近</Text>}
          <Text className='site-card__distance'>{distance}</Text>
        </View>
      )}
    </View>
  );
}

export const SiteCard = memo(SiteCardView);
