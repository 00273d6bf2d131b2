/**
 * The demo 张掖市 on its real geography: the six real county-level divisions with their real codes
 * and outlines (zhangye-outlines.ts), their real 78 townships and 934 villages and communities
 * (zhangye-divisions.ts). The boundaries below the county and the 7,452 grids, as the city
 * reports, are synthetic; each county keeps its share of grids.
 */
export const DEMO_CITY = { code: '620700', name: '张掖市' };

export interface DemoCounty {
  code: string;
  name: string;
  grids: number;
}

export const DEMO_COUNTIES: readonly DemoCounty[] = [
  { code: '620702', name: '甘州区', grids: 2600 },
  { code: '620721', name: '肃南裕固族自治县', grids: 400 },
  { code: '620722', name: '民乐县', grids: 1300 },
  { code: '620723', name: '临泽县', grids: 900 },
  { code: '620724', name: '高台县', grids: 1100 },
  { code: '620725', name: '山丹县', grids: 1152 },
];

/** The city's centre and departments; the court is the intermediate court (中级人民法院). */
export const CITY_UNITS = [
  { suffix: 'ZZZX', kind: 'centre', name: '综治中心' },
  { suffix: 'MTZX', kind: 'centre', name: '矛盾纠纷调处化解中心' },
  { suffix: 'FY', kind: 'court', name: '中级人民法院' },
  { suffix: 'GAJ', kind: 'police', name: '公安局' },
  { suffix: 'SFJ', kind: 'department', name: '司法局' },
  { suffix: 'XFJ', kind: 'department', name: '信访局' },
  { suffix: 'ZJJ', kind: 'department', name: '住房和城乡建设局' },
  { suffix: 'RSJ', kind: 'department', name: '人力资源和社会保障局' },
] as const;

/** Units every county has: the centre, the four "110" centres, the court and the police bureau. */
export const COUNTY_UNITS = [
  { suffix: 'ZZZX', kind: 'centre', name: '综治中心' },
  { suffix: 'MTZX', kind: 'centre', name: '矛盾纠纷调处化解中心' },
  { suffix: 'BMZX', kind: 'centre', name: '便民服务中心' },
  { suffix: 'ZWZX', kind: 'centre', name: '政务服务中心' },
  { suffix: 'HCZZ', kind: 'centre', name: '合成作战中心' },
  { suffix: 'FY', kind: 'court', name: '人民法院' },
  { suffix: 'GAJ', kind: 'police', name: '公安局' },
  { suffix: 'SFJ', kind: 'department', name: '司法局' },
  { suffix: 'ZJJ', kind: 'department', name: '住房和城乡建设局' },
  { suffix: 'RSJ', kind: 'department', name: '人力资源和社会保障局' },
  { suffix: 'LSS', kind: 'law_firm', name: '律师事务所' },
] as const;

/** Units every township has: its centre, police station and justice office (一庭三所 with the court). */
export const TOWNSHIP_UNITS = [
  { suffix: 'ZZZX', kind: 'centre', name: '综治中心' },
  { suffix: 'PCS', kind: 'police', name: '派出所' },
  { suffix: 'SFS', kind: 'justice_office', name: '司法所' },
] as const;

/** Every village and community has its own 综治中心 (the fourth level of the centres). */
export const VILLAGE_UNITS = [{ suffix: 'ZZZX', kind: 'centre', name: '综治中心' }] as const;
