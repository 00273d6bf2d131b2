import type { Prng } from './prng.js';

/** Word pools for plausible, synthetic Chinese place and person names. None is a real person. */
const PLACE_HEADS = [
  '新华',
  '胜利',
  '红星',
  '光明',
  '团结',
  '和平',
  '幸福',
  '永安',
  '长乐',
  '东风',
  '西华',
  '南关',
  '北街',
  '建设',
  '民主',
  '友爱',
  '三闸',
  '二坝',
  '沙河',
  '黑河',
  '梨园',
  '古城',
  '新墩',
  '上秦',
  '下安',
  '碱滩',
  '靖安',
  '花寨',
  '龙渠',
  '安阳',
  '乌江',
  '党寨',
  '甘浚',
  '明永',
  '大满',
  '小满',
  '平山',
  '西洞',
  '石岗',
  '马蹄',
  '康乐',
  '祁丰',
  '白银',
  '大河',
  '皇城',
  '马营',
  '六坝',
  '洪水',
  '南丰',
  '顺化',
  '新天',
  '民联',
  '三堡',
  '丰乐',
  '永丰',
  '杨家',
  '王家',
  '李家',
  '赵家',
  '张家',
  '刘家',
  '陈家',
  '崖头',
  '巷道',
  '宣化',
  '南华',
  '骆驼',
  '合黎',
  '黑泉',
  '罗城',
  '清泉',
  '位奇',
  '霍城',
  '陈户',
  '老军',
  '大马',
  '东乐',
  '花园',
  '双泉',
  '板桥',
  '蓼泉',
  '鸭暖',
  '倪家',
  '平川',
  '沙河',
  '新华',
  '富民',
  '兴隆',
  '永胜',
  '金山',
  '玉泉',
  '青松',
  '柳树',
  '杏林',
  '榆树',
  '桃园',
];
const VILLAGE_TAILS = ['村', '村', '村', '村', '社区'];
const TOWNSHIP_TAILS: Record<'street' | 'town' | 'township', string> = { street: '街道', town: '镇', township: '乡' };

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文'.split(
    '',
  );
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国建华志强海燕晓东文斌丹丹云飞德明淑珍永红春梅'.split(
    '',
  );

export function placeName(rng: Prng, used: Set<string>, tail: string): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const name = `${rng.pick(PLACE_HEADS)}${attempt > 20 ? rng.pick(PLACE_HEADS).slice(0, 1) : ''}${tail}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  const name = `${rng.pick(PLACE_HEADS)}${used.size}${tail}`;
  used.add(name);
  return name;
}

export function townshipName(rng: Prng, used: Set<string>, kind: 'street' | 'town' | 'township'): string {
  return placeName(rng, used, TOWNSHIP_TAILS[kind]);
}

export function villageName(rng: Prng, used: Set<string>, community: boolean): string {
  return placeName(rng, used, community ? '社区' : rng.pick(VILLAGE_TAILS.slice(0, 4)));
}

export function personName(rng: Prng): string {
  const given = rng.next() < 0.6 ? rng.pick(GIVEN) : `${rng.pick(GIVEN)}${rng.pick(GIVEN)}`;
  return `${rng.pick(SURNAMES)}${given}`;
}

/** A syntactically valid mainland mobile number in a range reserved for the demo (199 0000 xxxx). */
export function demoPhone(rng: Prng): string {
  return `1990000${String(rng.int(0, 9999)).padStart(4, '0')}`;
}
