import type { GuestRecord } from '../../../shared/domain/guest-record.js';
import { gb11643CheckChar } from '../../../shared/domain/resident-id.js';
import type { SeededRandom } from './seeded-random.js';

/**
 * Realistic demo guests: mostly mainland Chinese with valid resident ID numbers (real region
 * codes, real birth dates, correct GB 11643 check characters) and mobile numbers; some
 * foreigners with passports; the odd minor with a guardian. Invented, never real people.
 */
const SURNAMES = [
  '王',
  '李',
  '张',
  '刘',
  '陈',
  '杨',
  '黄',
  '赵',
  '吴',
  '周',
  '徐',
  '孙',
  '马',
  '朱',
  '胡',
  '郭',
  '何',
  '高',
  '林',
  '罗',
  '郑',
  '梁',
  '谢',
  '宋',
  '唐',
  '欧阳',
  '司马',
];
const GIVEN = [
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '丽',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '娟',
  '涛',
  '明',
  '超',
  '秀英',
  '霞',
  '平',
  '刚',
  '桂英',
  '子涵',
  '雨桐',
  '浩然',
  '欣怡',
  '梓萱',
  '一诺',
  '宇轩',
  '思远',
];
const REGIONS = [
  { code: '110105', city: '北京市朝阳区', streets: ['建国路', '望京街', '酒仙桥路', '朝阳北路'] },
  { code: '110108', city: '北京市海淀区', streets: ['中关村大街', '学院路', '五道口'] },
  { code: '310104', city: '上海市徐汇区', streets: ['漕溪北路', '衡山路', '虹桥路'] },
  { code: '440305', city: '深圳市南山区', streets: ['科技园路', '深南大道', '后海大道'] },
  { code: '510107', city: '成都市武侯区', streets: ['人民南路', '科华北路', '玉林路'] },
  { code: '230103', city: '哈尔滨市南岗区', streets: ['红军街', '学府路', '果戈里大街'] },
  { code: '130702', city: '张家口市桥东区', streets: ['胜利北路', '东安大街', '五一大街'] },
  { code: '220102', city: '长春市南关区', streets: ['人民大街', '亚泰大街', '自由大路'] },
  { code: '120101', city: '天津市和平区', streets: ['南京路', '滨江道', '河北路'] },
  { code: '330106', city: '杭州市西湖区', streets: ['文三路', '天目山路', '西溪路'] },
];
const MOBILE_PREFIXES = [
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '158',
  '186',
  '187',
  '188',
  '177',
  '199',
];
const FOREIGN = [
  {
    names: ['Anna Müller', 'Lukas Schmidt', 'Marie Weber'],
    country: 'DEU',
    phone: () => '+49151',
    digits: 8,
    city: 'Berlin, Germany',
  },
  {
    names: ['James Smith', 'Emily Johnson', 'Michael Brown'],
    country: 'USA',
    phone: () => '+1415555',
    digits: 4,
    city: 'San Francisco, CA, USA',
  },
  {
    names: ['Sato Yuki', 'Suzuki Haruto', 'Takahashi Aoi'],
    country: 'JPN',
    phone: () => '+81901',
    digits: 7,
    city: 'Sapporo, Hokkaido, Japan',
  },
  {
    names: ['Kim Minjun', 'Lee Seoyeon', 'Park Jiho'],
    country: 'KOR',
    phone: () => '+82102',
    digits: 7,
    city: 'Seoul, Korea',
  },
];
const NOTES = [
  '左膝旧伤，请教练注意',
  '需要儿童头盔',
  '第一次滑雪',
  '希望下午上课',
  'Vegetarian; prefers English-speaking coach',
  '与家人同行，共四人',
];

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function birthDate(random: SeededRandom, minAge: number, maxAge: number, today: Date): string {
  const year = today.getUTCFullYear() - random.int(minAge, maxAge);
  const month = random.int(1, 12);
  return isoDate(year, month, random.int(1, 28));
}

export function residentIdNumber(region: string, birth: string, random: SeededRandom): string {
  const body = region + birth.replaceAll('-', '') + random.digits(3);
  return body + gb11643CheckChar(body);
}

export function demoGuest(random: SeededRandom, now: Date): GuestRecord {
  const foreign = random.chance(0.12);
  const minor = !foreign && random.chance(0.08);
  const consentAt = now.toISOString();
  const channel = random.pick([
    'on_site_face_to_face',
    'on_site_face_to_face',
    'on_site_paper_form',
    'online_website',
    'online_wechat',
    'online_app',
  ] as const);
  const consent = {
    noticeVersion: '2026-10',
    general: true as const,
    idNumber: true as const,
    method: channel.startsWith('online')
      ? ('online' as const)
      : random.pick(['verbal', 'paper_form'] as const),
    at: consentAt,
  };
  const ski = {
    discipline: random.pick(['ski', 'snowboard', 'both'] as const),
    level: random.pick(['beginner', 'beginner', 'intermediate', 'advanced', 'expert'] as const),
    lessonInterest: random.pick(['none', 'undecided', 'group', 'private'] as const),
    rental: random.chance(0.7)
      ? {
          heightCm: random.int(minor ? 110 : 150, minor ? 160 : 195),
          weightKg: random.int(minor ? 20 : 45, minor ? 55 : 100),
          shoeSize: random.int(minor ? 30 : 35, minor ? 38 : 46),
          shoeSizeSystem: 'eu' as const,
        }
      : undefined,
  };
  const chinaMobile = () => `+86${random.pick(MOBILE_PREFIXES)}${random.digits(8)}`;

  if (foreign) {
    const origin = random.pick(FOREIGN);
    return {
      name: random.pick(origin.names),
      birthDate: birthDate(random, 18, 70, now),
      contact: { phone: origin.phone() + random.digits(origin.digits) },
      idDocument: {
        type: 'passport',
        number: `${random.pick(['C', 'M', 'X'])}${random.digits(8)}`,
        issuingCountry: origin.country,
      },
      homeAddress: `${String(random.int(1, 200))} Main Street, ${origin.city}`,
      ski,
      emergencyContact: random.chance(0.6)
        ? {
            name: random.pick(origin.names),
            phone: origin.phone() + random.digits(origin.digits),
            relation: 'friend',
          }
        : undefined,
      notes: random.chance(0.2) ? random.pick(NOTES) : undefined,
      consent,
      vip: random.chance(0.05),
      doubtful: false,
      channel,
    };
  }

  const region = random.pick(REGIONS);
  const birth = minor ? birthDate(random, 6, 13, now) : birthDate(random, 18, 70, now);
  const surname = random.pick(SURNAMES);
  const name = surname + random.pick(GIVEN);
  const guest: GuestRecord = {
    name,
    birthDate: birth,
    contact: { phone: chinaMobile() },
    idDocument: { type: 'resident_id', number: residentIdNumber(region.code, birth, random) },
    homeAddress: `${region.city}${random.pick(region.streets)}${String(random.int(1, 300))}号${String(random.int(1, 30))}单元${String(random.int(101, 2505))}室`,
    ski,
    emergencyContact: random.chance(0.75)
      ? {
          name: surname + random.pick(GIVEN),
          phone: chinaMobile(),
          relation: random.pick(['spouse', 'parent', 'sibling', 'friend'] as const),
        }
      : undefined,
    notes: random.chance(0.25) ? random.pick(NOTES) : undefined,
    consent,
    vip: random.chance(0.06),
    doubtful: random.chance(0.03),
    channel,
  };
  if (guest.doubtful) guest.doubtReason = '证件照片与本人差异较大，需经理核实';
  if (minor) {
    guest.guardian = {
      name: surname + random.pick(GIVEN),
      phone: chinaMobile(),
      relation: 'parent',
      consent: { given: true, method: consent.method, at: consentAt },
    };
  }
  return guest;
}
