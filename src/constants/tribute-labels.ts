import type { TributeKind, TributeStatus } from '@/types/api';

/** How each kind of tribute is named and shown (献花 flower, 点烛 candle, 鞠躬 bow, 寄语 message). */
export const TRIBUTE_KIND_INFO: Readonly<Record<TributeKind, { label: string; done: string; icon: string }>> = {
  flower: { label: '献花', done: '鲜花已献上', icon: '💐' },
  candle: { label: '点烛', done: '烛光已点亮', icon: '🕯️' },
  bow: { label: '鞠躬', done: '已鞠躬致敬', icon: '🙇' },
  message: { label: '寄语', done: '寄语已提交', icon: '✉️' },
};

export const TRIBUTE_KINDS: readonly TributeKind[] = ['flower', 'candle', 'bow', 'message'];

export const TRIBUTE_STATUS_LABELS: Readonly<Record<TributeStatus, string>> = {
  published: '已展示',
  pending: '待审核',
  rejected: '未通过',
};

/** The API's limit for a message, in characters (Unicode code points). */
export const TRIBUTE_MESSAGE_MAX = 200;
