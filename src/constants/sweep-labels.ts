import type { ProofFlag, SweepChecklistItem, SweepService, SweepStatus } from '@/types/api';

/** 代祭扫 services a family can ask for. */
export const SWEEP_SERVICE_LABELS: Readonly<Record<SweepService, string>> = {
  clean_headstone: '擦拭墓碑',
  offer_flowers: '敬献鲜花',
  regild_inscription: '描红碑文',
  present_wreath: '敬献花篮',
};

/** The "五个一" service standard, recorded when staff complete a sweep. */
export const SWEEP_CHECKLIST_LABELS: Readonly<Record<SweepChecklistItem, string>> = {
  wipe_headstone: '擦拭一次墓碑',
  lay_flowers: '敬献一束鲜花',
  take_photos: '拍摄一组照片',
  message_card: '宣读一张寄语卡',
  send_video: '发送一段视频',
  phone_family: '拨打一次家属电话',
};

export const SWEEP_STATUS_LABELS: Readonly<Record<SweepStatus, string>> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '祭扫中',
  completed: '待确认',
  confirmed: '已确认',
  rejected: '未受理',
  cancelled: '已取消',
};

/** What a flagged proof means, in words for the family and managers. */
export const PROOF_FLAG_LABELS: Readonly<Record<ProofFlag, string>> = {
  too_far: '拍摄地点距墓位超过 300 米',
  outside_window: '拍摄时间不在受理至完成期间',
};

export const SWEEP_SERVICES = Object.keys(SWEEP_SERVICE_LABELS) as SweepService[];
export const SWEEP_CHECKLIST = Object.keys(SWEEP_CHECKLIST_LABELS) as SweepChecklistItem[];

/** Relationships offered as quick choices (any short text is accepted). */
export const RELATIONSHIPS = ['子女', '孙子女', '兄弟姐妹', '侄甥', '其他亲属'] as const;
