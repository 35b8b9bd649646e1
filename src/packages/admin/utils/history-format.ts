import type { HistoryEntry } from '@/types/api';

const ACTIONS: Record<string, string> = {
  'site.create': '创建档案',
  'site.update': '修改档案',
  'site.import.create': '导入新建',
  'site.import.update': '导入更新',
  'martyr.create': '新增烈士',
  'martyr.update': '修改烈士信息',
  'martyr.import.create': '导入烈士',
  'martyr.import.update': '导入更新烈士',
  'martyr.move_in': '烈士迁入',
  'martyr.move_out': '烈士迁出',
  'patrol.create': '登记巡查',
  'staff.create': '创建账号',
  'staff.update': '修改账号',
  'staff.disable': '停用账号',
  'staff.enable': '启用账号',
  'staff.reset_password': '重置密码',
  'site.notice': '发布公告',
  'booking.template.create': '设置预约时段',
  'booking.template.update': '修改预约时段',
  'booking.assisted_create': '代为预约',
  'booking.check_in': '预约签到',
  'booking.staff_cancel': '取消预约',
  'booking.reconcile': '预约核对',
  'proxy_sweep.accept': '受理代祭扫',
  'proxy_sweep.start': '开始代祭扫',
  'proxy_sweep.complete': '完成代祭扫',
  'proxy_sweep.reject': '拒绝代祭扫',
  'proxy_sweep.reveal_contact': '查看家属电话',
  'tribute.approve': '寄语通过',
  'tribute.reject': '寄语驳回',
  'tribute.reconcile': '祭扫计数核对',
};

const FIELDS: Record<string, string> = {
  code: '编号',
  name: '名称',
  level: '级别',
  category: '类别',
  district: '区',
  city: '城市',
  address: '地址',
  location: '位置',
  status: '状态',
  openingHours: '开放时间',
  phone: '电话',
  intro: '简介',
  photos: '照片',
  visitorNotice: '参观须知',
  bookable: '可预约',
  'custody:custodian': '管护人',
  'custody:organization': '管护单位',
  'custody:agreementNo': '管护协议编号',
  'custody:agreementStart': '协议开始',
  'custody:agreementEnd': '协议结束',
  'custody:plateId': '管护牌编号',
  'custody:plateLocation': '管护牌位置',
  'archive:protectionLevel': '保护级别',
  'archive:tombType': '墓葬类型',
  'archive:inscription': '碑文',
  'archive:areaSqm': '占地面积（㎡）',
  'archive:material': '材质',
  'archive:dimensions': '尺寸',
  'archive:panoramaPhoto': '全景照片',
  siteId: '所属设施',
  gender: '性别',
  birthYear: '出生年份',
  deathYear: '牺牲年份',
  hometown: '籍贯',
  unit: '部队/单位',
  deeds: '事迹',
  gravePosition: '墓位',
  graveLocation: '墓位坐标',
  roles: '角色',
  siteIds: '负责设施',
  disabled: '停用',
  displayName: '姓名',
  username: '用户名',
  condition: '状况',
  distanceMeters: '距离（米）',
  flagged: '距离异常',
  weekdays: '开放预约的星期',
  slots: '预约时段',
  overrides: '特殊日期',
  bookingWindowDays: '可提前预约天数',
  cancelCutoffMinutes: '取消截止（分钟）',
  maxCompanions: '同行人数上限',
  group: '团体预约规则',
};

export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

export function fieldLabel(field: string): string {
  return FIELDS[field] ?? field;
}

/** A stored value in one short line. */
export function formatValue(value: unknown): string {
  if (value === null || value === undefined || value === '') return '（空）';
  if (typeof value === 'boolean') return value ? '是' : '否';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value)) return value.length === 0 ? '（空）' : value.map(formatValue).join('、');
  const v = value as Record<string, unknown>;
  if (typeof v.lat === 'number' && typeof v.lng === 'number') return `${v.lat.toFixed(6)}, ${v.lng.toFixed(6)}`;
  if (typeof v.open === 'string' && typeof v.close === 'string') {
    const closed = Array.isArray(v.closedWeekdays) && v.closedWeekdays.length > 0 ? `，周${(v.closedWeekdays as number[]).map((d) => '一二三四五六日'[d - 1]).join('、')}闭馆` : '';
    return `${v.open}–${v.close}${closed}${typeof v.note === 'string' ? `（${v.note}）` : ''}`;
  }
  return JSON.stringify(value);
}

/** The changed fields of an entry as "字段：旧 → 新" lines. */
export function changeLines(entry: HistoryEntry): string[] {
  return Object.entries(entry.changes ?? {}).map(([field, change]) => `${fieldLabel(field)}：${formatValue(change.before)} → ${formatValue(change.after)}`);
}

/** `2026-03-18 10:05` in Shanghai time. */
export function formatTime(iso: string): string {
  const d = new Date(new Date(iso).getTime() + 8 * 3600_000);
  return d.toISOString().slice(0, 16).replace('T', ' ');
}
