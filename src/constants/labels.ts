import type { RouteMode, SiteCategory, SiteLevel } from '@/types/api';

export const LEVEL_LABELS: Readonly<Record<SiteLevel, string>> = {
  national: '国家级',
  provincial: '省级',
  municipal: '市级',
  county: '县区级',
  other: '其他',
};

export const CATEGORY_LABELS: Readonly<Record<SiteCategory, string>> = {
  cemetery: '烈士陵园',
  memorial_hall: '纪念馆',
  monument: '纪念碑',
  scattered_grave: '零散烈士墓',
  other: '其他',
};

export const ROUTE_MODE_LABELS: Readonly<Record<RouteMode, string>> = {
  walking: '步行',
  driving: '驾车',
  transit: '公交',
  riding: '骑行',
};

export const LEVELS = Object.keys(LEVEL_LABELS) as SiteLevel[];
export const CATEGORIES = Object.keys(CATEGORY_LABELS) as SiteCategory[];
export const ROUTE_MODES = Object.keys(ROUTE_MODE_LABELS) as RouteMode[];

export const GENDER_LABELS = { male: '男', female: '女' } as const;
