/**
 * The demo 张掖市: its six real county-level divisions with their real codes, laid out as boxes
 * that tile Zhangye's real bounding box (about 97.3–102.2°E, 37.5–39.8°N) roughly where each one
 * lies. Townships total 66 and grids 7,452, as the city reports; everything below the county is
 * synthetic.
 */
export const DEMO_CITY = { code: '620700', name: '张掖市', box: [97.3, 37.5, 102.2, 39.8] as const };

export interface DemoCounty {
  code: string;
  name: string;
  box: readonly [number, number, number, number];
  streets: number;
  townships: number;
  grids: number;
}

export const DEMO_COUNTIES: readonly DemoCounty[] = [
  { code: '620702', name: '甘州区', box: [99.6, 38.5, 100.6, 39.1], streets: 5, townships: 23, grids: 2600 },
  { code: '620721', name: '肃南裕固族自治县', box: [97.3, 37.5, 99.6, 39.8], streets: 0, townships: 8, grids: 400 },
  { code: '620722', name: '民乐县', box: [99.6, 37.5, 102.2, 38.5], streets: 0, townships: 10, grids: 1300 },
  { code: '620723', name: '临泽县', box: [100.15, 39.1, 100.6, 39.8], streets: 0, townships: 7, grids: 900 },
  { code: '620724', name: '高台县', box: [99.6, 39.1, 100.15, 39.8], streets: 0, townships: 9, grids: 1100 },
  { code: '620725', name: '山丹县', box: [100.6, 38.5, 102.2, 39.8], streets: 0, townships: 9, grids: 1152 },
];

/** Average grids per village; Zhangye has about a thousand villages and communities. */
export const GRIDS_PER_VILLAGE = 7.4;

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
