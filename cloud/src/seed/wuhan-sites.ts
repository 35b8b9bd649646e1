import type { OpeningHours, SiteCategory, SiteLevel } from '../contracts/sites.js';

/**
 * Demo data: memorial facilities across Wuhan's 13 districts, for trying the product out (every record
 * is stored with `sample: true`).
 *
 * The first group are real, publicly known places with approximate GCJ-02 coordinates and a short
 * factual introduction; names of the remaining records end in （示例） because they are invented
 * stand-ins (district cemeteries, monuments and the many scattered graves in villages) placed inside
 * the right district near a real town. Nothing here is an official register.
 */
export interface DemoSite {
  code: string;
  name: string;
  level: SiteLevel;
  category: SiteCategory;
  district: string;
  address: string;
  lat: number;
  lng: number;
  intro: string;
  openingHours?: OpeningHours;
  bookable: boolean;
  visitorNotice?: string;
}

const CEMETERY_HOURS: OpeningHours = { open: '08:30', close: '17:00', note: '清明节前后延长开放，以现场公告为准' };
const HALL_HOURS: OpeningHours = { open: '09:00', close: '17:00', closedWeekdays: [1], note: '16:00 停止入馆，周一闭馆（法定节假日除外）' };
const OPEN_AIR: OpeningHours = { open: '00:00', close: '24:00', note: '露天墓地，全天可祭扫；山路请注意安全' };

const CEMETERY_NOTICE = '请文明祭扫，提倡鲜花祭扫，园内禁止焚烧纸钱、燃放鞭炮。';
const HALL_NOTICE = '请凭有效证件免费参观，团体参观请提前预约。';
const GRAVE_NOTICE = '墓地位于野外，请勿踩踏周边农田，禁止野外用火。';

/** Real places (approximate coordinates). Codes put the national-level cemeteries first. */
const REAL: DemoSite[] = [
  {
    code: 'WH-0001',
    name: '武汉九峰山革命烈士陵园',
    level: 'national',
    category: 'cemetery',
    district: '洪山区',
    address: '洪山区九峰乡九峰山',
    lat: 30.5016,
    lng: 114.4809,
    intro: '位于九峰山南麓，安葬着革命战争年代和社会主义建设时期牺牲的烈士，是国家级烈士纪念设施。',
    openingHours: CEMETERY_HOURS,
    bookable: true,
    visitorNotice: CEMETERY_NOTICE,
  },
  {
    code: 'WH-0002',
    name: '施洋烈士陵园',
    level: 'national',
    category: 'cemetery',
    district: '洪山区',
    address: '洪山区武珞路洪山南麓',
    lat: 30.5262,
    lng: 114.3401,
    intro: '纪念1923年京汉铁路工人大罢工（二七大罢工）中牺牲的工人律师施洋烈士，陵园位于洪山南麓。',
    openingHours: CEMETERY_HOURS,
    bookable: true,
    visitorNotice: CEMETERY_NOTICE,
  },
  {
    code: 'WH-0003',
    name: '二七纪念馆',
    level: 'national',
    category: 'memorial_hall',
    district: '江岸区',
    address: '江岸区解放大道二七路',
    lat: 30.6418,
    lng: 114.3136,
    intro: '纪念1923年京汉铁路工人大罢工（二七大罢工）和在罢工中牺牲的林祥谦、施洋等烈士。',
    openingHours: HALL_HOURS,
    bookable: true,
    visitorNotice: HALL_NOTICE,
  },
  {
    code: 'WH-0004',
    name: '向警予烈士陵园',
    level: 'provincial',
    category: 'cemetery',
    district: '汉阳区',
    address: '汉阳区月湖畔',
    lat: 30.5583,
    lng: 114.2586,
    intro: '安葬1928年5月1日在汉口英勇就义的中国共产党早期妇女运动领导人向警予烈士。',
    openingHours: CEMETERY_HOURS,
    bookable: true,
    visitorNotice: CEMETERY_NOTICE,
  },
  {
    code: 'WH-0005',
    name: '苏联空军志愿队烈士墓',
    level: 'provincial',
    category: 'cemetery',
    district: '江岸区',
    address: '江岸区解放公园内',
    lat: 30.6137,
    lng: 114.2936,
    intro: '位于解放公园内，安葬抗日战争时期援华作战、在武汉空战中牺牲的苏联空军志愿队烈士。',
    openingHours: { open: '06:00', close: '22:00', note: '随解放公园开放' },
    bookable: false,
    visitorNotice: CEMETERY_NOTICE,
  },
  {
    code: 'WH-0006',
    name: '辛亥革命武昌起义纪念馆',
    level: 'municipal',
    category: 'memorial_hall',
    district: '武昌区',
    address: '武昌区武珞路1号（红楼）',
    lat: 30.5446,
    lng: 114.3008,
    intro: '设于武昌起义军政府旧址（红楼），纪念1911年10月10日爆发的武昌起义及辛亥革命中牺牲的志士。',
    openingHours: HALL_HOURS,
    bookable: true,
    visitorNotice: HALL_NOTICE,
  },
  {
    code: 'WH-0007',
    name: '中山舰博物馆',
    level: 'municipal',
    category: 'memorial_hall',
    district: '江夏区',
    address: '江夏区金口街',
    lat: 30.3437,
    lng: 114.1272,
    intro: '1938年10月24日，中山舰在金口水域抗击日机时沉没，舰长萨师俊等25名官兵殉国；打捞出水的舰体在此陈列。',
    openingHours: HALL_HOURS,
    bookable: true,
    visitorNotice: HALL_NOTICE,
  },
  {
    code: 'WH-0101',
    name: '八七会议会址纪念馆',
    level: 'other',
    category: 'memorial_hall',
    district: '江岸区',
    address: '江岸区鄱阳街139号',
    lat: 30.5897,
    lng: 114.2947,
    intro: '1927年8月7日，中共中央在此召开紧急会议（八七会议），确定了土地革命和武装反抗国民党反动派的总方针。',
    openingHours: HALL_HOURS,
    bookable: true,
    visitorNotice: HALL_NOTICE,
  },
  {
    code: 'WH-0102',
    name: '中共五大会址纪念馆',
    level: 'other',
    category: 'memorial_hall',
    district: '武昌区',
    address: '武昌区都府堤20号',
    lat: 30.5552,
    lng: 114.3043,
    intro: '1927年4月27日至5月9日，中国共产党第五次全国代表大会在武昌召开。',
    openingHours: HALL_HOURS,
    bookable: true,
    visitorNotice: HALL_NOTICE,
  },
  {
    code: 'WH-0103',
    name: '中央农民运动讲习所旧址纪念馆',
    level: 'other',
    category: 'memorial_hall',
    district: '武昌区',
    address: '武昌区红巷13号',
    lat: 30.5565,
    lng: 114.3027,
    intro: '1927年，毛泽东等在此主办中央农民运动讲习所，为各省培养农民运动骨干。',
    openingHours: HALL_HOURS,
    bookable: true,
    visitorNotice: HALL_NOTICE,
  },
  {
    code: 'WH-0104',
    name: '八路军武汉办事处旧址纪念馆',
    level: 'other',
    category: 'memorial_hall',
    district: '江岸区',
    address: '江岸区长春街57号',
    lat: 30.5979,
    lng: 114.3016,
    intro: '抗日战争初期八路军驻武汉办事处旧址，周恩来、董必武等曾在此工作。',
    openingHours: HALL_HOURS,
    bookable: true,
    visitorNotice: HALL_NOTICE,
  },
  {
    code: 'WH-0105',
    name: '新四军军部旧址纪念馆',
    level: 'other',
    category: 'memorial_hall',
    district: '江岸区',
    address: '江岸区胜利街332号',
    lat: 30.6013,
    lng: 114.3061,
    intro: '1937年底至1938年初，新四军军部在汉口组建时的办公旧址。',
    openingHours: HALL_HOURS,
    bookable: false,
    visitorNotice: HALL_NOTICE,
  },
  {
    code: 'WH-0106',
    name: '武汉国民政府旧址纪念馆',
    level: 'other',
    category: 'memorial_hall',
    district: '江汉区',
    address: '江汉区中山大道708号（南洋大楼）',
    lat: 30.5841,
    lng: 114.2822,
    intro: '1927年武汉国民政府在南洋大楼办公，是第一次国共合作时期的重要历史见证。',
    openingHours: HALL_HOURS,
    bookable: false,
    visitorNotice: HALL_NOTICE,
  },
  {
    code: 'WH-0107',
    name: '武昌起义门',
    level: 'other',
    category: 'monument',
    district: '武昌区',
    address: '武昌区起义街',
    lat: 30.5343,
    lng: 114.3079,
    intro: '原武昌城中和门。1911年武昌起义时起义军由此接应入城，后改称起义门。',
    openingHours: { open: '09:00', close: '17:00' },
    bookable: false,
  },
  {
    code: 'WH-0108',
    name: '武汉中共中央机关旧址纪念馆',
    level: 'other',
    category: 'memorial_hall',
    district: '江岸区',
    address: '江岸区胜利街',
    lat: 30.5953,
    lng: 114.3002,
    intro: '1927年中共中央机关在汉口的办公旧址，陈列大革命时期中共中央在武汉的历史。',
    openingHours: HALL_HOURS,
    bookable: false,
    visitorNotice: HALL_NOTICE,
  },
];

type Row = [district: string, place: string, lat: number, lng: number];

/** District-level cemeteries (invented stand-ins). */
const CEMETERIES: Row[] = [
  ['青山区', '青山区', 30.6402, 114.4107],
  ['东西湖区', '东西湖区', 30.6298, 114.1361],
  ['汉南区', '汉南区', 30.3121, 114.0852],
  ['蔡甸区', '蔡甸区', 30.5838, 114.0312],
  ['江夏区', '江夏区', 30.3572, 114.3205],
  ['黄陂区', '黄陂区', 30.8826, 114.3752],
  ['新洲区', '新洲区', 30.8448, 114.8061],
];

/** Monuments in town and city quarters (invented stand-ins). */
const MONUMENTS: Row[] = [
  ['江汉区', '唐家墩', 30.6133, 114.2541],
  ['江汉区', '常青', 30.6209, 114.2432],
  ['硚口区', '古田', 30.5921, 114.2023],
  ['硚口区', '宝丰', 30.5874, 114.2407],
  ['汉阳区', '琴断口', 30.5602, 114.2001],
  ['武昌区', '白沙洲', 30.5018, 114.2906],
  ['青山区', '武东', 30.6488, 114.4513],
  ['洪山区', '青菱', 30.4613, 114.2998],
];

/** Scattered graves (零散烈士墓) in villages and hills, grouped by district (invented stand-ins). */
const GRAVES: Row[] = [
  ['黄陂区', '姚家集', 31.2031, 114.2552],
  ['黄陂区', '蔡店', 31.2483, 114.3801],
  ['黄陂区', '木兰', 31.1062, 114.4017],
  ['黄陂区', '李家集', 31.0512, 114.2038],
  ['黄陂区', '长轩岭', 31.0796, 114.4618],
  ['黄陂区', '王家河', 30.9985, 114.5022],
  ['黄陂区', '祁家湾', 30.7818, 114.2207],
  ['黄陂区', '六指', 30.9006, 114.5187],
  ['黄陂区', '三里桥', 30.8512, 114.4603],
  ['新洲区', '阳逻', 30.6911, 114.5523],
  ['新洲区', '仓埠', 30.7532, 114.6614],
  ['新洲区', '汪集', 30.8031, 114.7402],
  ['新洲区', '李集', 30.9012, 114.8517],
  ['新洲区', '潘塘', 30.9721, 114.8033],
  ['新洲区', '旧街', 31.0318, 114.9012],
  ['新洲区', '徐古', 30.9508, 114.9686],
  ['新洲区', '道观河', 31.0797, 114.9489],
  ['江夏区', '山坡', 30.1532, 114.4011],
  ['江夏区', '法泗', 30.1601, 114.1812],
  ['江夏区', '安山', 30.2503, 114.1718],
  ['江夏区', '湖泗', 30.0518, 114.5006],
  ['江夏区', '舒安', 30.1011, 114.3019],
  ['江夏区', '乌龙泉', 30.2297, 114.3015],
  ['江夏区', '郑店', 30.3188, 114.2311],
  ['蔡甸区', '索河', 30.5011, 113.8819],
  ['蔡甸区', '张湾', 30.4012, 113.9031],
  ['蔡甸区', '侏儒山', 30.4497, 113.9512],
  ['蔡甸区', '消泗', 30.3208, 113.8009],
  ['蔡甸区', '玉贤', 30.5517, 113.8808],
  ['蔡甸区', '永安', 30.4011, 114.0207],
  ['东西湖区', '柏泉', 30.7489, 114.1214],
  ['东西湖区', '辛安渡', 30.7006, 114.0218],
  ['东西湖区', '新沟', 30.6807, 113.9811],
  ['东西湖区', '走马岭', 30.6019, 114.0517],
  ['汉南区', '邓南', 30.2201, 113.9508],
  ['汉南区', '东荆', 30.2703, 113.8806],
  ['汉南区', '湘口', 30.2512, 114.0197],
  ['洪山区', '花山', 30.5302, 114.5011],
  ['洪山区', '左岭', 30.4997, 114.5502],
  ['洪山区', '张家湾', 30.4803, 114.3307],
  ['汉阳区', '永丰', 30.5313, 114.1702],
  ['青山区', '白玉山', 30.6318, 114.4306],
];

const pad = (n: number) => String(n).padStart(4, '0');

function generated(): DemoSite[] {
  const out: DemoSite[] = [];
  CEMETERIES.forEach(([district, place, lat, lng], i) =>
    out.push({
      code: `WH-${pad(201 + i)}`,
      name: `${place}革命烈士陵园（示例）`,
      level: 'county',
      category: 'cemetery',
      district,
      address: `${district}（示例地址）`,
      lat,
      lng,
      intro: `示例数据：${district}区级烈士陵园，集中安葬本区籍和在本区牺牲的烈士。`,
      openingHours: CEMETERY_HOURS,
      bookable: true,
      visitorNotice: CEMETERY_NOTICE,
    }),
  );
  MONUMENTS.forEach(([district, place, lat, lng], i) =>
    out.push({
      code: `WH-${pad(301 + i)}`,
      name: `${place}革命烈士纪念碑（示例）`,
      level: 'county',
      category: 'monument',
      district,
      address: `${district}${place}（示例地址）`,
      lat,
      lng,
      intro: `示例数据：为纪念在${place}一带牺牲的革命烈士而建的纪念碑。`,
      openingHours: OPEN_AIR,
      bookable: false,
    }),
  );
  GRAVES.forEach(([district, place, lat, lng], i) =>
    out.push({
      code: `WH-${pad(401 + i)}`,
      name: `${place}零散烈士墓（示例）`,
      level: 'other',
      category: 'scattered_grave',
      district,
      address: `${district}${place}（示例地址，村组山坡）`,
      lat,
      lng,
      intro: `示例数据：位于${place}村野的零散烈士墓，由当地村委会签订保护协议、专人看护。`,
      openingHours: OPEN_AIR,
      bookable: false,
      visitorNotice: GRAVE_NOTICE,
    }),
  );
  return out;
}

/** Every demo site, sorted by code. */
export const WUHAN_DEMO_SITES: readonly DemoSite[] = [...REAL, ...generated()].sort((a, b) => a.code.localeCompare(b.code));

export interface DemoMartyr {
  name: string;
  gender: 'male' | 'female';
  birthYear: number;
  deathYear: number;
  hometown: string;
  unit: string;
  deeds: string;
  gravePosition?: string;
  /** Metres north and east of the site's location, for graves placed on the map. */
  graveOffset?: { north: number; east: number };
}

const SURNAMES = ['张', '王', '李', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const HOMETOWNS = ['湖北黄陂', '湖北新洲', '湖北汉川', '湖北孝感', '湖北红安', '湖北麻城', '河南信阳', '湖南平江', '江西萍乡', '安徽六安', '湖北江夏', '湖北大悟'];
const UNITS = ['鄂豫边区游击队（示例）', '新四军第五师（示例）', '中原军区（示例）', '中国人民解放军第四野战军（示例）', '中国人民志愿军（示例）', '地方武装（示例）'];
const PERIODS: Array<[from: number, to: number]> = [
  [1927, 1937],
  [1938, 1945],
  [1946, 1949],
  [1950, 1953],
];

/**
 * Sample martyrs for a demo site: 3 for a scattered grave, 4–8 elsewhere; generic names marked
 * （示例）, plausible years. Deterministic per site so that repeated seeds agree.
 */
export function demoMartyrsFor(site: DemoSite, siteIndex: number): DemoMartyr[] {
  const count = site.category === 'scattered_grave' ? 3 : 4 + (siteIndex % 5);
  const withGraves = site.category === 'cemetery' || site.category === 'scattered_grave';
  return Array.from({ length: count }, (_, i) => {
    const n = siteIndex * 7 + i * 3;
    const [from, to] = PERIODS[(siteIndex + i) % PERIODS.length]!;
    const deathYear = from + (n % (to - from + 1));
    const age = 19 + (n % 17);
    const unit = UNITS[(siteIndex + i) % UNITS.length]!;
    return {
      name: `${SURNAMES[n % SURNAMES.length]}某${'甲乙丙丁戊己庚辛'[i]}（示例）`,
      gender: (n % 9 === 4 ? 'female' : 'male') as 'male' | 'female',
      birthYear: deathYear - age,
      deathYear,
      hometown: HOMETOWNS[n % HOMETOWNS.length]!,
      unit,
      deeds: `示例数据：${deathYear}年在${site.district}一带作战时牺牲，时年${age}岁。`,
      ...(withGraves && i < 3
        ? { gravePosition: site.category === 'cemetery' ? `${'ABC'[i]}区${1 + (n % 6)}排${1 + (n % 12)}号` : `墓地内第${i + 1}座`, graveOffset: { north: 8 * (i + 1), east: 5 * i } }
        : {}),
    };
  });
}
