import type { Prng } from './prng.js';

/** Word pools for plausible, synthetic Chinese person names. None is a real person. */
const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文'.split(
    '',
  );
const GIVEN =
  '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍红建国建华志强海燕晓东文斌丹丹云飞德明淑珍永红春梅'.split(
    '',
  );

export function personName(rng: Prng): string {
  const given = rng.next() < 0.6 ? rng.pick(GIVEN) : `${rng.pick(GIVEN)}${rng.pick(GIVEN)}`;
  return `${rng.pick(SURNAMES)}${given}`;
}

/** A syntactically valid mainland mobile number in a range reserved for the demo (199 0000 xxxx). */
export function demoPhone(rng: Prng): string {
  return `1990000${String(rng.int(0, 9999)).padStart(4, '0')}`;
}
