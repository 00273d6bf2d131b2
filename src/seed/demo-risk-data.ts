import type { RiskDimension } from '../modules/risk/risk-scoring.js';
import type { ConsultMethod, MatterType } from '../modules/risk/risk-workflow.js';

/** Synthetic content of the demo's risk assessments: firm names and matter templates (no real projects). */
export const FIRM_PREFIXES = [
  '甘肃祁连',
  '张掖丹霞',
  '河西走廊',
  '黑河流域',
  '金张掖',
  '焉支山',
  '弱水',
  '甘州明德',
  '临泽枣乡',
  '高台镇远',
  '山丹军马',
  '民乐扁都',
  '肃南裕固',
  '陇原正信',
  '丝路公信',
  '西部平安',
  '甘肃衡正',
  '张掖同舟',
  '河西睿智',
  '祁连诚和',
  '黄河中正',
  '金城安和',
  '兰州智信',
  '西北求是',
  '甘肃合众',
  '敦煌明鉴',
  '酒泉恒信',
  '武威天马',
  '嘉峪关雄关',
  '陇上善治',
  '甘肃安澜',
  '张掖和顺',
  '河西立本',
  '甘肃枫林',
];
export const FIRM_KINDS = [
  '社会稳定风险评估咨询有限公司',
  '工程咨询有限公司',
  '律师事务所',
  '社会治理研究院',
  '管理咨询有限公司',
];
export const QUALIFICATIONS = [
  '社会稳定风险评估备案机构',
  '工程咨询单位甲级资信',
  '工程咨询单位乙级资信',
  '律师事务所执业许可证',
  '高校社会治理研究机构',
  '资产评估资格',
  '土地规划资质',
];

export interface PointTemplate {
  dimension: RiskDimension;
  description: string;
  likelihood: number;
  impact: number;
  people: number;
  mitigation: string;
  owner: string;
}
export interface MatterTemplate {
  title: (place: string, county: string) => string;
  type: MatterType;
  budget: number | null;
  deciding: (county: string) => string;
  implementing: (county: string, place: string) => string;
  background: string;
  basis: string;
  methods: ConsultMethod[];
  opinions: string[];
  points: PointTemplate[];
}

const BASIS_LAND =
  '《中华人民共和国土地管理法》《土地管理法实施条例》《国有土地上房屋征收与补偿条例》《甘肃省重大决策社会稳定风险评估办法》及张掖市“1+8+N”社会稳定风险评估实施细则。';
const BASIS_GENERAL =
  '《重大行政决策程序暂行条例》《甘肃省重大决策社会稳定风险评估办法》及张掖市“1+8+N”社会稳定风险评估实施细则。';

export const MATTER_TEMPLATES: MatterTemplate[] = [
  {
    title: (p) => `${p}集体土地征收及房屋拆迁项目`,
    type: 'project',
    budget: 18600,
    deciding: (c) => `${c}人民政府常务会议`,
    implementing: (c) => `${c}自然资源局`,
    background: '为保障城市道路及配套设施建设用地,拟征收集体土地并拆迁地上房屋,涉及农户承包地和宅基地。',
    basis: BASIS_LAND,
    methods: ['notice', 'visit', 'forum', 'hearing'],
    opinions: [
      '补偿标准低于周边项目',
      '希望就近安置、先安置后拆迁',
      '担心失地后养老保险无着落',
      '施工期间道路阻断影响农产品运输',
    ],
    points: [
      {
        dimension: 'legality',
        description: '征收程序中公告、听证环节存在瑕疵的风险',
        likelihood: 2,
        impact: 4,
        people: 320,
        mitigation: '由司法局对征收全流程进行合法性审查',
        owner: '县司法局',
      },
      {
        dimension: 'reasonableness',
        description: '补偿标准与相邻项目不一致引发攀比',
        likelihood: 4,
        impact: 4,
        people: 860,
        mitigation: '统一区片综合地价,公开补偿测算依据',
        owner: '县自然资源局',
      },
      {
        dimension: 'feasibility',
        description: '安置房建设滞后导致过渡期延长',
        likelihood: 3,
        impact: 3,
        people: 410,
        mitigation: '安置房与项目同步开工,按月通报进度',
        owner: '县住建局',
      },
      {
        dimension: 'controllability',
        description: '少数农户拒绝搬迁引发群体性上访',
        likelihood: 3,
        impact: 5,
        people: 120,
        mitigation: '组建包户工作组,一户一策化解',
        owner: '乡镇党委',
      },
    ],
  },
  {
    title: (_p, c) => `${c}循环经济产业园精细化工项目`,
    type: 'project',
    budget: 52000,
    deciding: (c) => `${c}委常委会`,
    implementing: (c) => `${c}工业园区管委会`,
    background: '引进精细化工企业入驻产业园区,项目距最近居民点约1.8公里。',
    basis: BASIS_GENERAL,
    methods: ['notice', 'survey', 'forum', 'hearing'],
    opinions: ['担心废气异味影响健康', '要求公开环评报告全文', '希望优先招用本地劳动力'],
    points: [
      {
        dimension: 'legality',
        description: '环评批复尚未取得即开展前期工作',
        likelihood: 2,
        impact: 3,
        people: 0,
        mitigation: '环评批复前不得开工建设',
        owner: '市生态环境局分局',
      },
      {
        dimension: 'reasonableness',
        description: '周边群众对项目选址认可度不高',
        likelihood: 3,
        impact: 4,
        people: 2600,
        mitigation: '组织群众代表参观同类企业,公开环境监测数据',
        owner: '园区管委会',
      },
      {
        dimension: 'feasibility',
        description: '园区污水处理能力不足',
        likelihood: 2,
        impact: 3,
        people: 0,
        mitigation: '扩建园区污水处理厂二期',
        owner: '园区管委会',
      },
      {
        dimension: 'controllability',
        description: '网络舆情炒作“化工厂进城”',
        likelihood: 3,
        impact: 3,
        people: 5000,
        mitigation: '建立舆情监测与快速回应机制',
        owner: '县委网信办',
      },
    ],
  },
  {
    title: (_p, c) => `${c}城镇居民阶梯水价调整`,
    type: 'reform',
    budget: null,
    deciding: (c) => `${c}人民政府`,
    implementing: (c) => `${c}发展和改革局`,
    background: '现行水价低于供水成本,拟实行居民阶梯水价并调整第一阶梯价格。',
    basis: BASIS_GENERAL,
    methods: ['notice', 'survey', 'hearing'],
    opinions: ['低保户应给予减免', '第一阶梯水量偏低', '供水企业成本应公开'],
    points: [
      {
        dimension: 'legality',
        description: '价格听证程序不完整',
        likelihood: 1,
        impact: 3,
        people: 0,
        mitigation: '严格执行价格听证办法',
        owner: '县发改局',
      },
      {
        dimension: 'reasonableness',
        description: '低收入家庭负担增加',
        likelihood: 3,
        impact: 2,
        people: 3200,
        mitigation: '对低保、特困家庭给予定额补贴',
        owner: '县民政局',
      },
      {
        dimension: 'feasibility',
        description: '一户一表改造未全部完成',
        likelihood: 2,
        impact: 2,
        people: 1500,
        mitigation: '年底前完成一户一表改造',
        owner: '县水务公司',
      },
      {
        dimension: 'controllability',
        description: '调价期间集中投诉',
        likelihood: 2,
        impact: 2,
        people: 800,
        mitigation: '开通水价政策咨询专线',
        owner: '县发改局',
      },
    ],
  },
  {
    title: (p) => `${p}中心小学与村小撤并`,
    type: 'decision',
    budget: 1200,
    deciding: (c) => `${c}教育局党组会议`,
    implementing: (c) => `${c}教育局`,
    background: '部分村小生源不足,拟并入乡镇中心小学,配套校车接送。',
    basis: BASIS_GENERAL,
    methods: ['survey', 'visit', 'forum'],
    opinions: ['低年级学生上学路途远', '希望保留教学点', '校车安全如何保障'],
    points: [
      {
        dimension: 'legality',
        description: '撤并程序未充分听取家长意见',
        likelihood: 2,
        impact: 2,
        people: 300,
        mitigation: '召开家长会专题说明',
        owner: '县教育局',
      },
      {
        dimension: 'reasonableness',
        description: '低年级学生上学距离过远',
        likelihood: 3,
        impact: 3,
        people: 260,
        mitigation: '保留一至二年级教学点',
        owner: '乡镇中心学校',
      },
      {
        dimension: 'feasibility',
        description: '中心小学寄宿条件不足',
        likelihood: 2,
        impact: 3,
        people: 180,
        mitigation: '改造学生宿舍和食堂',
        owner: '县教育局',
      },
      {
        dimension: 'controllability',
        description: '校车交通安全隐患',
        likelihood: 2,
        impact: 4,
        people: 260,
        mitigation: '配备专用校车和随车照管人员',
        owner: '县交通运输局',
      },
    ],
  },
  {
    title: (_p, c) => `${c}生活垃圾焚烧发电厂建设`,
    type: 'project',
    budget: 36000,
    deciding: (c) => `${c}人民政府常务会议`,
    implementing: (c) => `${c}城市管理局`,
    background: '现有填埋场库容将满,拟新建日处理600吨的垃圾焚烧发电厂。',
    basis: BASIS_GENERAL,
    methods: ['notice', 'survey', 'visit', 'hearing'],
    opinions: ['担心二噁英排放', '要求设置足够的卫生防护距离', '希望给予周边村生态补偿'],
    points: [
      {
        dimension: 'legality',
        description: '卫生防护距离内仍有住户',
        likelihood: 3,
        impact: 3,
        people: 90,
        mitigation: '防护距离内住户整体搬迁',
        owner: '县城管局',
      },
      {
        dimension: 'reasonableness',
        description: '邻避效应导致群众抵触',
        likelihood: 4,
        impact: 4,
        people: 4200,
        mitigation: '建立周边村生态补偿和公众监督委员会',
        owner: '县政府办',
      },
      {
        dimension: 'feasibility',
        description: '垃圾收运量不足影响运营',
        likelihood: 2,
        impact: 2,
        people: 0,
        mitigation: '统筹周边县区垃圾协同处置',
        owner: '县城管局',
      },
      {
        dimension: 'controllability',
        description: '集体聚集阻工',
        likelihood: 3,
        impact: 4,
        people: 600,
        mitigation: '制定现场处置预案,落实属地包抓',
        owner: '县公安局',
      },
    ],
  },
  {
    title: (p) => `${p}老旧小区改造`,
    type: 'project',
    budget: 4800,
    deciding: (c) => `${c}住房和城乡建设局`,
    implementing: (c) => `${c}住房和城乡建设局`,
    background: '对建成于2000年以前的老旧小区实施管网、屋面、加装电梯等改造。',
    basis: BASIS_GENERAL,
    methods: ['notice', 'survey'],
    opinions: ['加装电梯低层住户反对', '施工期间停水停电要提前通知'],
    points: [
      {
        dimension: 'legality',
        description: '改造事项未经业主表决',
        likelihood: 1,
        impact: 2,
        people: 900,
        mitigation: '按物业管理条例组织业主表决',
        owner: '社区居委会',
      },
      {
        dimension: 'reasonableness',
        description: '低层住户对加装电梯有异议',
        likelihood: 3,
        impact: 2,
        people: 120,
        mitigation: '协商低层住户补偿方案',
        owner: '社区居委会',
      },
      {
        dimension: 'feasibility',
        description: '居民出资部分难以落实',
        likelihood: 2,
        impact: 2,
        people: 900,
        mitigation: '争取中央补助资金,允许公积金提取',
        owner: '县住建局',
      },
      {
        dimension: 'controllability',
        description: '施工扰民投诉',
        likelihood: 3,
        impact: 1,
        people: 900,
        mitigation: '限定施工时段,设立投诉点',
        owner: '施工单位',
      },
    ],
  },
];
