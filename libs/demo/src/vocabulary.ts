import type { Level2 } from '@app/domain';

/**
 * What a county's self-evaluations are made of: county and township names, the departments and units of
 * a county, each sector's projects with their measurable indicators, and the sentences a filer writes.
 * Lists of realistic county-level content; every indicator here is measurable (a rate is named …率 or
 * …满意度, a quantity carries its unit, a deadline has a date) so that a clean unit raises no finding.
 */

/**
 * One indicator: 二级, name, kind, unit, target range, decimals.
 * - `n`: a quantity to reach (`≥6座`); the range is the target's.
 * - `c`: an amount not to exceed (`≤50万元`, a 成本 indicator or a ceiling).
 * - `r`: a rate (`≥95%`, `100%`); the range is the target's, in whole percent.
 * - `d`: a deadline (`按期完成，2024年11月底前`).
 */
export type IndicatorKind = 'n' | 'c' | 'r' | 'd';
export type IndicatorSpec = readonly [l2: Level2, name: string, kind: IndicatorKind, unit: string, min: number, max: number, decimals?: number];

export type ProjectKind = 'construction' | 'subsidy' | 'service' | 'operation';

export interface ProjectSpec {
  name: string;
  kind: ProjectKind;
  /** 全年预算数 range in 万元 */
  budget: readonly [number, number];
  /** who the satisfaction indicator asks (`库区群众` → 库区群众满意度) */
  beneficiary: string;
  /** the goal's purpose and the result reached, after the first quantity ("…达到6座，<purpose>") */
  purpose: string;
  result: string;
  /** quantities, costs and benefits of this project (quality, timeliness, sustainability come from its kind) */
  specs: readonly IndicatorSpec[];
  /** funded by 政府性基金 */
  govFund?: boolean;
}

export type SectorId =
  | 'water'
  | 'agri'
  | 'edu'
  | 'health'
  | 'civil'
  | 'transport'
  | 'forestry'
  | 'land'
  | 'culture'
  | 'hr'
  | 'housing'
  | 'safety'
  | 'market'
  | 'general'
  | 'township';

export interface Sector {
  /** what the unit does (section 一: “负责…”) */
  duty: string;
  projects: readonly ProjectSpec[];
}

// ---------------------------------------------------------------------------------------------------
// Places and people

export const COUNTY_NAMES = [
  '云溪县', '青川县', '白石县', '安澜县', '永和县', '龙泉县', '松阳县', '桃源县', '清河县', '石门县',
  '凤鸣县', '长宁县', '平江县', '新田县', '双峰县', '临川县', '宜章县', '兴隆县', '乐平县', '东安县',
] as const;

/** Township names: a first and a second character (白 + 沙 → 白沙). */
export const TOWNSHIP_FIRST = [...'白石青龙凤金银桃柳松梅竹东西南北长新大小高黄杨马花双太安永清福德兴和平仁文明红云'];
export const TOWNSHIP_SECOND = [...'沙门山田塘坪桥江溪河湖岭冲湾洲口铺市林峰园阳源泉坡岩港店庄埠'];
/** A third character, used only when two-character names run out. */
export const TOWNSHIP_THIRD = [...'头尾里坳坝岗垭寨'];

export const SURNAMES = [...'王李张刘陈杨黄赵周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文'];
export const GIVEN = [
  '立新', '建华', '芳', '伟', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞',
  '平', '刚', '桂英', '玉兰', '海燕', '志强', '晓东', '红梅', '文华', '建军', '春华', '国庆', '雅琼', '丽萍', '振华', '小兵',
  '慧', '婷', '俊', '斌', '鹏', '琳', '晨', '凯', '浩然', '子涵', '思远', '佳怡', '永红', '德明',
];

// ---------------------------------------------------------------------------------------------------
// Units of a county

export type UnitKind = 'bureau' | 'institution' | 'hospital' | 'school' | 'township' | 'townshipSchool' | 'clinic' | 'townshipCentre';

export interface CountyUnit {
  /** the name after the county's (`水利局` → 云溪县水利局) */
  suffix: string;
  sector: SectorId;
  kind: UnitKind;
  /** the supervising department's suffix (主管部门); none: the unit is its own */
  parent?: string;
}

/** County-level departments and institutions, in the order a bureau lists them. */
export const COUNTY_UNITS: readonly CountyUnit[] = [
  { suffix: '人民政府办公室', sector: 'general', kind: 'bureau' },
  { suffix: '发展和改革局', sector: 'general', kind: 'bureau' },
  { suffix: '财政局', sector: 'general', kind: 'bureau' },
  { suffix: '教育局', sector: 'edu', kind: 'bureau' },
  { suffix: '第一中学', sector: 'edu', kind: 'school', parent: '教育局' },
  { suffix: '第二中学', sector: 'edu', kind: 'school', parent: '教育局' },
  { suffix: '实验小学', sector: 'edu', kind: 'school', parent: '教育局' },
  { suffix: '职业中等专业学校', sector: 'edu', kind: 'school', parent: '教育局' },
  { suffix: '特殊教育学校', sector: 'edu', kind: 'school', parent: '教育局' },
  { suffix: '城关幼儿园', sector: 'edu', kind: 'school', parent: '教育局' },
  { suffix: '卫生健康局', sector: 'health', kind: 'bureau' },
  { suffix: '人民医院', sector: 'health', kind: 'hospital', parent: '卫生健康局' },
  { suffix: '中医医院', sector: 'health', kind: 'hospital', parent: '卫生健康局' },
  { suffix: '妇幼保健计划生育服务中心', sector: 'health', kind: 'institution', parent: '卫生健康局' },
  { suffix: '疾病预防控制中心', sector: 'health', kind: 'institution', parent: '卫生健康局' },
  { suffix: '医疗保障局', sector: 'health', kind: 'bureau' },
  { suffix: '民政局', sector: 'civil', kind: 'bureau' },
  { suffix: '社会福利院', sector: 'civil', kind: 'institution', parent: '民政局' },
  { suffix: '退役军人事务局', sector: 'civil', kind: 'bureau' },
  { suffix: '残疾人联合会', sector: 'civil', kind: 'bureau' },
  { suffix: '水利局', sector: 'water', kind: 'bureau' },
  { suffix: '水利工程建设服务中心', sector: 'water', kind: 'institution', parent: '水利局' },
  { suffix: '农村供水管理站', sector: 'water', kind: 'institution', parent: '水利局' },
  { suffix: '农业农村局', sector: 'agri', kind: 'bureau' },
  { suffix: '农业技术推广中心', sector: 'agri', kind: 'institution', parent: '农业农村局' },
  { suffix: '畜牧水产事务中心', sector: 'agri', kind: 'institution', parent: '农业农村局' },
  { suffix: '乡村振兴服务中心', sector: 'agri', kind: 'institution', parent: '农业农村局' },
  { suffix: '交通运输局', sector: 'transport', kind: 'bureau' },
  { suffix: '公路建设养护中心', sector: 'transport', kind: 'institution', parent: '交通运输局' },
  { suffix: '林业局', sector: 'forestry', kind: 'bureau' },
  { suffix: '国有林场', sector: 'forestry', kind: 'institution', parent: '林业局' },
  { suffix: '自然资源局', sector: 'land', kind: 'bureau' },
  { suffix: '不动产登记中心', sector: 'land', kind: 'institution', parent: '自然资源局' },
  { suffix: '文化旅游广电体育局', sector: 'culture', kind: 'bureau' },
  { suffix: '图书馆', sector: 'culture', kind: 'institution', parent: '文化旅游广电体育局' },
  { suffix: '文化馆', sector: 'culture', kind: 'institution', parent: '文化旅游广电体育局' },
  { suffix: '人力资源和社会保障局', sector: 'hr', kind: 'bureau' },
  { suffix: '就业服务中心', sector: 'hr', kind: 'institution', parent: '人力资源和社会保障局' },
  { suffix: '住房和城乡建设局', sector: 'housing', kind: 'bureau' },
  { suffix: '城市管理和综合执法局', sector: 'housing', kind: 'bureau' },
  { suffix: '环境卫生服务中心', sector: 'housing', kind: 'institution', parent: '城市管理和综合执法局' },
  { suffix: '应急管理局', sector: 'safety', kind: 'bureau' },
  { suffix: '市场监督管理局', sector: 'market', kind: 'bureau' },
  { suffix: '司法局', sector: 'general', kind: 'bureau' },
  { suffix: '统计局', sector: 'general', kind: 'bureau' },
  { suffix: '审计局', sector: 'general', kind: 'bureau' },
  { suffix: '档案馆', sector: 'general', kind: 'institution', parent: '人民政府办公室' },
  { suffix: '社会治理和网格化信息中心', sector: 'general', kind: 'institution', parent: '人民政府办公室' },
  { suffix: '政务服务中心', sector: 'general', kind: 'institution', parent: '人民政府办公室' },
];

/** Units of each township (`<县><乡镇>镇<suffix>`), listed township by township after the county's. */
export const TOWNSHIP_UNITS: readonly CountyUnit[] = [
  { suffix: '人民政府', sector: 'township', kind: 'township' },
  { suffix: '中心学校', sector: 'edu', kind: 'townshipSchool', parent: '教育局' },
  { suffix: '卫生院', sector: 'health', kind: 'clinic', parent: '卫生健康局' },
  { suffix: '农业综合服务中心', sector: 'agri', kind: 'townshipCentre' },
];

/** Staff (编制数) range by kind of unit. */
export const STAFF: Record<UnitKind, readonly [number, number]> = {
  bureau: [12, 60],
  institution: [8, 40],
  hospital: [180, 620],
  school: [40, 220],
  township: [30, 85],
  townshipSchool: [25, 90],
  clinic: [15, 55],
  townshipCentre: [6, 18],
};

// ---------------------------------------------------------------------------------------------------
// Indicators every project of a kind may use (quality, timeliness, sustainability)

export const KIND_SPECS: Record<ProjectKind, { quality: readonly IndicatorSpec[]; timeliness: readonly IndicatorSpec[]; sustainable: readonly IndicatorSpec[] }> = {
  construction: {
    quality: [['quality', '工程验收合格率', 'r', '%', 100, 100], ['quality', '工程质量达标率', 'r', '%', 95, 100]],
    timeliness: [['timeliness', '主体工程完工时间', 'd', '', 9, 12], ['timeliness', '项目完工及时率', 'r', '%', 95, 100]],
    sustainable: [['sustainable', '工程管护责任落实率', 'r', '%', 100, 100], ['sustainable', '工程设计使用年限', 'n', '年', 15, 30]],
  },
  subsidy: {
    quality: [['quality', '补助资金发放准确率', 'r', '%', 100, 100], ['quality', '补助对象认定准确率', 'r', '%', 98, 100]],
    timeliness: [['timeliness', '补助资金发放及时率', 'r', '%', 95, 100], ['timeliness', '资金兑付完成时间', 'd', '', 10, 12]],
    sustainable: [['sustainable', '政策知晓率', 'r', '%', 85, 95], ['sustainable', '补助政策公示率', 'r', '%', 100, 100]],
  },
  service: {
    quality: [['quality', '工作任务完成率', 'r', '%', 100, 100], ['quality', '服务规范达标率', 'r', '%', 95, 98]],
    timeliness: [['timeliness', '任务按时完成率', 'r', '%', 95, 100], ['timeliness', '年度任务完成时间', 'd', '', 11, 12]],
    sustainable: [['sustainable', '长效工作机制覆盖率', 'r', '%', 100, 100], ['sustainable', '工作档案规范归档率', 'r', '%', 95, 100]],
  },
  operation: {
    quality: [['quality', '设施设备完好率', 'r', '%', 95, 98], ['quality', '系统正常运行率', 'r', '%', 98, 99]],
    timeliness: [['timeliness', '故障处置及时率', 'r', '%', 95, 98], ['timeliness', '运维服务响应及时率', 'r', '%', 95, 100]],
    sustainable: [['sustainable', '运维管理制度执行率', 'r', '%', 100, 100], ['sustainable', '设施使用年限', 'n', '年', 8, 15]],
  },
};

// ---------------------------------------------------------------------------------------------------
// Sectors and their projects

const p = (
  name: string,
  kind: ProjectKind,
  budget: readonly [number, number],
  beneficiary: string,
  purpose: string,
  result: string,
  specs: readonly IndicatorSpec[],
  govFund = false,
): ProjectSpec => ({ name, kind, budget, beneficiary, purpose, result, specs, govFund });

export const SECTORS: Record<SectorId, Sector> = {
  water: {
    duty: '负责全县水资源管理、水利工程建设与运行管护、农村饮水安全和水土保持工作',
    projects: [
      p('小型水库除险加固', 'construction', [200, 600], '库区群众', '消除病险水库大坝安全隐患', '工程已通过竣工验收', [
        ['quantity', '除险加固水库数量', 'n', '座', 3, 12],
        ['cost', '单座水库加固成本', 'c', '万元', 30, 60, 1],
        ['social', '保护下游人口', 'n', '万人', 0.8, 3, 1],
      ]),
      p('农村饮水安全巩固提升', 'construction', [80, 400], '农村饮水用户', '提升农村供水保障水平', '新建管网已全部通水', [
        ['quantity', '新建改造供水管网长度', 'n', '公里', 20, 60],
        ['quality', '水质检测达标率', 'r', '%', 95, 100],
        ['cost', '每公里管网建设成本', 'c', '万元', 2.5, 4, 1],
        ['social', '农村自来水普及率', 'r', '%', 88, 94],
      ], true),
      p('山洪灾害防治非工程措施运行维护', 'operation', [20, 80], '沿河群众', '保障山洪灾害监测预警系统正常运行', '汛期监测预警系统运行正常', [
        ['quantity', '维护监测站点数量', 'n', '个', 20, 80],
        ['social', '预警信息覆盖人口', 'n', '万人', 1, 8, 1],
      ]),
      p('中小河流治理', 'construction', [300, 1200], '沿河群众', '提高河道防洪能力', '治理河段已完成交工验收', [
        ['quantity', '治理河道长度', 'n', '公里', 3, 15, 1],
        ['quantity', '新建加固堤防长度', 'n', '公里', 2, 10, 1],
        ['cost', '每公里河道治理成本', 'c', '万元', 60, 120],
        ['social', '保护耕地面积', 'n', '亩', 2000, 10000],
      ]),
      p('水土保持综合治理', 'construction', [50, 300], '项目区群众', '减少水土流失', '治理区林草植被明显恢复', [
        ['quantity', '治理水土流失面积', 'n', '公顷', 200, 1200],
        ['ecological', '林草植被覆盖率', 'r', '%', 40, 60],
      ]),
      p('农田水利设施维修养护', 'operation', [30, 150], '受益农户', '恢复和改善农田灌溉条件', '维修渠道和山塘已投入使用', [
        ['quantity', '维修灌溉渠道长度', 'n', '公里', 10, 40],
        ['quantity', '维修整治山塘数量', 'n', '处', 10, 40],
        ['economic', '恢复改善灌溉面积', 'n', '亩', 3000, 15000],
      ]),
    ],
  },
  agri: {
    duty: '负责全县农业农村发展规划、粮食生产、农业技术推广、动物防疫和农村人居环境整治工作',
    projects: [
      p('高标准农田建设', 'construction', [500, 2000], '项目区农户', '提升耕地质量和粮食产能', '建成农田已通过县级初验', [
        ['quantity', '建成高标准农田面积', 'n', '亩', 5000, 20000],
        ['cost', '亩均建设成本', 'c', '元', 1500, 3000],
        ['economic', '亩均新增粮食产能', 'n', '公斤', 30, 80],
      ]),
      p('耕地地力保护补贴发放', 'subsidy', [300, 1500], '种粮农户', '保护耕地地力，调动农民种粮积极性', '补贴资金已全部兑付到户', [
        ['quantity', '补贴发放户数', 'n', '户', 10000, 50000],
        ['quantity', '补贴耕地面积', 'n', '亩', 100000, 400000],
        ['economic', '户均补贴收入', 'n', '元', 100, 300],
      ]),
      p('农作物病虫害统防统治', 'service', [30, 120], '种植农户', '控制重大病虫害危害', '重大病虫害未造成大面积成灾', [
        ['quantity', '统防统治面积', 'n', '亩', 20000, 80000],
        ['quality', '防治效果达标率', 'r', '%', 85, 95],
        ['economic', '挽回粮食损失', 'n', '吨', 500, 3000],
      ]),
      p('动物疫病强制免疫', 'service', [20, 100], '养殖户', '防控重大动物疫病', '全年未发生区域性重大动物疫情', [
        ['quantity', '强制免疫牲畜数量', 'n', '头', 20000, 90000],
        ['quality', '免疫抗体合格率', 'r', '%', 70, 80],
      ]),
      p('农村人居环境整治', 'construction', [100, 500], '农村居民', '改善农村人居环境', '整治村庄面貌明显改善', [
        ['quantity', '完成农村户厕改造户数', 'n', '户', 300, 2000],
        ['quantity', '村庄清洁行动覆盖村数', 'n', '个', 20, 80],
        ['ecological', '农村生活垃圾收运处置率', 'r', '%', 90, 95],
      ]),
      p('基层农技推广体系改革与建设', 'service', [20, 60], '科技示范户', '提升基层农技服务能力', '示范户带动作用有效发挥', [
        ['quantity', '培育农业科技示范户', 'n', '户', 100, 400],
        ['quantity', '开展农技培训', 'n', '期', 5, 20],
        ['social', '农技服务覆盖农户', 'n', '户', 2000, 8000],
      ]),
      p('衔接推进乡村振兴补助', 'construction', [300, 1500], '脱贫群众', '巩固拓展脱贫攻坚成果', '产业项目已建成投产', [
        ['quantity', '实施产业发展项目', 'n', '个', 5, 20],
        ['economic', '带动脱贫户增收', 'n', '万元', 50, 300],
        ['social', '受益脱贫人口', 'n', '人', 1000, 6000],
      ]),
    ],
  },
  edu: {
    duty: '负责全县学前教育、义务教育和高中阶段教育的组织实施、教师队伍建设和学生资助工作',
    projects: [
      p('义务教育学生营养改善计划', 'subsidy', [200, 900], '学生家长', '改善农村学生营养状况', '营养餐供餐覆盖全部项目学校', [
        ['quantity', '受益学生人数', 'n', '人', 3000, 15000],
        ['quality', '营养餐供餐率', 'r', '%', 98, 100],
        ['social', '受益学校数量', 'n', '所', 20, 60],
      ]),
      p('学前教育发展资金', 'subsidy', [100, 400], '幼儿家长', '扩大普惠性学前教育资源', '普惠性幼儿园覆盖率稳步提高', [
        ['quantity', '资助幼儿人数', 'n', '人', 500, 3000],
        ['social', '学前三年毛入园率', 'r', '%', 85, 92],
      ]),
      p('校舍维修改造', 'construction', [100, 600], '师生', '消除校舍安全隐患，改善办学条件', '改造校舍已投入使用', [
        ['quantity', '维修改造校舍面积', 'n', '平方米', 3000, 15000],
        ['quantity', '改造学校数量', 'n', '所', 3, 15],
        ['cost', '每平方米改造成本', 'c', '元', 600, 1200],
        ['social', '受益师生人数', 'n', '人', 2000, 10000],
      ]),
      p('家庭经济困难学生资助', 'subsidy', [100, 500], '受助学生家长', '保障家庭经济困难学生顺利完成学业', '资助资金已全部发放到位', [
        ['quantity', '资助学生人次', 'n', '人次', 2000, 8000],
        ['quality', '资助对象认定准确率', 'r', '%', 100, 100],
      ]),
      p('中小学教师培训', 'service', [20, 80], '参训教师', '提升教师教育教学能力', '培训任务全部完成', [
        ['quantity', '培训教师人次', 'n', '人次', 800, 3000],
        ['quality', '培训考核合格率', 'r', '%', 95, 100],
      ]),
      p('教育信息化设备购置', 'construction', [50, 300], '师生', '提升学校信息化教学水平', '设备已安装调试并投入使用', [
        ['quantity', '购置多媒体教学设备', 'n', '套', 50, 300],
        ['quality', '设备验收合格率', 'r', '%', 100, 100],
        ['social', '覆盖教学班级数量', 'n', '个', 50, 300],
      ]),
    ],
  },
  health: {
    duty: '负责全县医疗卫生服务体系建设、基本公共卫生服务、疾病预防控制和妇幼健康工作',
    projects: [
      p('基本公共卫生服务', 'service', [300, 1200], '城乡居民', '为城乡居民提供基本公共卫生服务', '各类服务项目按规范实施', [
        ['quantity', '居民电子健康档案建档人数', 'n', '万人', 10, 40, 1],
        ['quality', '老年人健康管理率', 'r', '%', 65, 75],
        ['quality', '高血压患者规范管理率', 'r', '%', 60, 70],
      ]),
      p('基层医疗卫生机构能力建设', 'construction', [100, 500], '就诊群众', '提升基层医疗卫生服务能力', '配备设备已投入使用', [
        ['quantity', '配备基层医疗设备', 'n', '台', 20, 100],
        ['quantity', '培训基层卫生人员', 'n', '人次', 200, 800],
        ['social', '县域内就诊率', 'r', '%', 85, 90],
      ]),
      p('重大传染病防控', 'service', [50, 200], '辖区群众', '有效控制重大传染病流行', '全年未发生重大传染病暴发疫情', [
        ['quantity', '结核病患者筛查人数', 'n', '人', 2000, 8000],
        ['quality', '适龄儿童免疫规划疫苗接种率', 'r', '%', 90, 95],
      ]),
      p('家庭医生签约服务', 'service', [50, 200], '签约居民', '推进家庭医生签约服务', '重点人群签约服务覆盖面扩大', [
        ['quantity', '家庭医生签约服务人数', 'n', '万人', 5, 20, 1],
        ['quality', '重点人群签约服务覆盖率', 'r', '%', 75, 85],
      ]),
      p('医疗设备购置', 'construction', [200, 1500], '患者', '改善诊疗条件', '购置设备已全部验收并投入使用', [
        ['quantity', '购置医疗设备数量', 'n', '台', 10, 60],
        ['quality', '设备验收合格率', 'r', '%', 100, 100],
        ['social', '年门急诊服务人次', 'n', '万人次', 20, 80, 1],
      ]),
      p('妇幼健康服务', 'service', [30, 150], '孕产妇及儿童家长', '保障母婴安全', '孕产妇和儿童健康管理规范开展', [
        ['quantity', '孕产妇系统管理人数', 'n', '人', 1000, 5000],
        ['quality', '孕产妇系统管理率', 'r', '%', 90, 95],
        ['social', '新生儿疾病筛查率', 'r', '%', 95, 98],
      ]),
    ],
  },
  civil: {
    duty: '负责全县社会救助、养老服务、社会福利和残疾人、退役军人等群体的保障服务工作',
    projects: [
      p('城乡居民最低生活保障', 'subsidy', [1000, 5000], '低保对象', '保障困难群众基本生活', '低保金按月足额发放', [
        ['quantity', '保障低保对象人数', 'n', '人', 3000, 15000],
        ['social', '困难群众基本生活保障率', 'r', '%', 100, 100],
      ]),
      p('特困人员救助供养', 'subsidy', [200, 800], '特困供养人员', '保障特困人员基本生活', '供养标准按时足额落实', [
        ['quantity', '救助供养特困人员人数', 'n', '人', 300, 1500],
        ['social', '特困人员集中供养率', 'r', '%', 30, 45],
      ]),
      p('困难残疾人生活补贴', 'subsidy', [100, 500], '残疾人及其家属', '改善困难残疾人生活', '补贴按季度发放到位', [
        ['quantity', '补贴发放人数', 'n', '人', 1000, 5000],
        ['social', '符合条件残疾人补贴覆盖率', 'r', '%', 100, 100],
      ]),
      p('养老服务体系建设', 'construction', [100, 500], '老年人', '完善农村养老服务设施', '新建设施已投入运营', [
        ['quantity', '新建改造农村幸福院', 'n', '所', 3, 12],
        ['quantity', '新增养老床位', 'n', '床', 50, 300],
        ['social', '服务老年人人次', 'n', '人次', 5000, 20000],
      ]),
      p('临时救助', 'subsidy', [50, 300], '救助对象', '及时解决群众突发性生活困难', '救助资金及时发放', [
        ['quantity', '实施临时救助人次', 'n', '人次', 300, 2000],
      ]),
      p('退役军人优抚', 'subsidy', [100, 600], '优抚对象', '落实优抚政策', '优抚金按时足额发放', [
        ['quantity', '发放优抚对象人数', 'n', '人', 800, 4000],
        ['social', '优抚政策落实率', 'r', '%', 100, 100],
      ]),
    ],
  },
  transport: {
    duty: '负责全县公路建设与养护、道路运输管理和农村客运发展工作',
    projects: [
      p('农村公路养护', 'operation', [200, 1000], '沿线群众', '保持农村公路良好技术状况', '养护路段路况保持良好', [
        ['quantity', '养护农村公路里程', 'n', '公里', 300, 1500],
        ['quality', '农村公路优良中等路率', 'r', '%', 75, 85],
        ['cost', '每公里养护成本', 'c', '万元', 0.5, 1.2, 2],
      ]),
      p('农村公路安全生命防护工程', 'construction', [100, 600], '沿线群众', '改善农村公路通行安全条件', '工程已通过交工验收', [
        ['quantity', '实施安防工程里程', 'n', '公里', 20, 100],
        ['social', '事故多发路段整治率', 'r', '%', 100, 100],
      ]),
      p('危桥改造', 'construction', [100, 800], '过往群众', '消除桥梁安全隐患', '改造桥梁已恢复通行', [
        ['quantity', '改造危桥数量', 'n', '座', 2, 10],
        ['cost', '单座危桥改造成本', 'c', '万元', 40, 120],
        ['social', '受益群众人数', 'n', '万人', 0.5, 3, 1],
      ]),
      p('城乡客运运营补贴', 'subsidy', [50, 300], '乘车群众', '保障农村客运正常运营', '农村客运班线稳定运营', [
        ['quantity', '通客车建制村数量', 'n', '个', 80, 250],
        ['social', '建制村通客车率', 'r', '%', 100, 100],
      ]),
    ],
  },
  forestry: {
    duty: '负责全县森林资源保护、国土绿化、森林防火和林业有害生物防治工作',
    projects: [
      p('森林防火', 'service', [30, 150], '林区群众', '保护森林资源安全', '全年未发生重大森林火灾', [
        ['quantity', '建设维护防火隔离带', 'n', '公里', 10, 50],
        ['quantity', '开展防火巡查', 'n', '次', 100, 400],
        ['sustainable', '护林员到岗率', 'r', '%', 100, 100],
      ]),
      p('生态公益林管护', 'subsidy', [100, 500], '林农', '加强生态公益林保护', '公益林资源保持稳定', [
        ['quantity', '管护生态公益林面积', 'n', '亩', 100000, 500000],
        ['ecological', '森林覆盖率', 'r', '%', 55, 68],
        ['economic', '林农管护补偿收入', 'n', '万元', 100, 400],
      ]),
      p('林业有害生物防治', 'service', [20, 100], '林农', '控制林业有害生物危害', '疫情发生面积得到控制', [
        ['quantity', '林业有害生物防治面积', 'n', '亩', 5000, 20000],
        ['quality', '无公害防治率', 'r', '%', 85, 90],
      ]),
      p('国土绿化', 'construction', [50, 300], '周边群众', '增加森林资源总量', '造林地块苗木长势良好', [
        ['quantity', '完成人工造林面积', 'n', '亩', 2000, 8000],
        ['quality', '造林成活率', 'r', '%', 85, 90],
        ['ecological', '新增森林蓄积量', 'n', '立方米', 2000, 10000],
      ]),
    ],
  },
  land: {
    duty: '负责全县自然资源调查监测、国土空间规划、耕地保护和不动产登记工作',
    projects: [
      p('国土空间规划编制', 'service', [50, 300], '规划使用单位', '完善国土空间规划体系', '规划成果已通过审查', [
        ['quantity', '完成村庄规划编制', 'n', '个', 10, 40],
        ['quality', '规划成果审查通过率', 'r', '%', 100, 100],
      ]),
      p('不动产登记数据整合', 'operation', [30, 150], '办事群众', '提升不动产登记服务效率', '登记数据已全部入库', [
        ['quantity', '整合不动产登记数据', 'n', '条', 50000, 300000],
        ['quality', '数据整合准确率', 'r', '%', 99, 100],
      ]),
      p('耕地保护和土地整治', 'construction', [100, 600], '项目区农户', '增加有效耕地面积', '新增耕地已通过验收', [
        ['quantity', '新增耕地面积', 'n', '亩', 500, 3000],
        ['cost', '亩均整治成本', 'c', '元', 2000, 5000],
        ['economic', '新增耕地年产值', 'n', '万元', 50, 300],
      ]),
      p('地质灾害防治', 'construction', [50, 400], '受威胁群众', '消除地质灾害隐患', '治理工程已完工', [
        ['quantity', '完成地质灾害隐患点治理', 'n', '处', 3, 15],
        ['quantity', '设立群测群防监测点', 'n', '个', 50, 200],
        ['social', '受保护群众人数', 'n', '人', 500, 5000],
      ]),
    ],
  },
  culture: {
    duty: '负责全县公共文化服务、文物保护、广播电视和全民健身工作',
    projects: [
      p('公共文化场馆免费开放', 'subsidy', [30, 150], '读者观众', '保障公共文化场馆免费开放', '场馆全年正常开放', [
        ['quantity', '接待读者观众人次', 'n', '万人次', 5, 30, 1],
        ['quantity', '举办公益展览讲座', 'n', '场', 20, 80],
      ]),
      p('送戏下乡', 'service', [20, 80], '观看群众', '丰富农村群众文化生活', '演出覆盖全县各乡镇', [
        ['quantity', '送戏下乡演出场次', 'n', '场', 50, 200],
        ['social', '观看演出群众人次', 'n', '万人次', 1, 6, 1],
      ]),
      p('全民健身设施建设', 'construction', [50, 300], '健身群众', '完善城乡健身设施', '新建设施已向群众开放', [
        ['quantity', '新建更新健身路径', 'n', '套', 20, 80],
        ['quantity', '建设多功能运动场', 'n', '个', 3, 10],
        ['social', '受益群众人数', 'n', '万人', 1, 6, 1],
      ]),
      p('文物保护', 'construction', [30, 200], '周边群众', '保护文物本体安全', '修缮工程已通过验收', [
        ['quantity', '修缮文物保护单位', 'n', '处', 2, 8],
        ['quality', '修缮工程验收合格率', 'r', '%', 100, 100],
      ]),
      p('农家书屋出版物补充更新', 'subsidy', [20, 60], '农村读者', '提升农家书屋服务能力', '出版物已配送到位', [
        ['quantity', '补充更新出版物', 'n', '册', 5000, 20000],
        ['quantity', '覆盖农家书屋数量', 'n', '个', 80, 250],
      ]),
    ],
  },
  hr: {
    duty: '负责全县就业创业、职业技能培训、社会保险经办和劳动保障监察工作',
    projects: [
      p('就业创业补贴', 'subsidy', [100, 600], '补贴对象', '促进城乡劳动者就业创业', '补贴资金按规定发放', [
        ['quantity', '城镇新增就业人数', 'n', '人', 1500, 5000],
        ['quantity', '享受创业担保贷款贴息人数', 'n', '人', 100, 500],
        ['social', '城镇登记失业率', 'c', '%', 4, 5.5, 1],
      ]),
      p('职业技能培训', 'service', [50, 300], '参训学员', '提升劳动者就业技能', '培训后就业情况良好', [
        ['quantity', '开展职业技能培训', 'n', '人次', 1000, 5000],
        ['quality', '培训合格率', 'r', '%', 90, 95],
        ['social', '培训后就业率', 'r', '%', 60, 75],
      ]),
      p('城乡居民基本养老保险经办', 'service', [20, 80], '参保居民', '扩大城乡居民养老保险覆盖面', '养老金按月足额发放', [
        ['quantity', '城乡居民养老保险参保缴费人数', 'n', '万人', 10, 40, 1],
        ['quality', '待遇发放准确率', 'r', '%', 100, 100],
        ['social', '城乡居民养老保险参保率', 'r', '%', 95, 98],
      ]),
      p('劳动保障监察', 'service', [10, 50], '务工人员', '维护劳动者合法权益', '欠薪案件按期办结', [
        ['quantity', '开展劳动保障监察检查', 'n', '家', 200, 800],
        ['quality', '欠薪案件结案率', 'r', '%', 95, 100],
      ]),
    ],
  },
  housing: {
    duty: '负责全县城乡规划建设管理、住房保障、市政设施维护和城区环境卫生工作',
    projects: [
      p('城镇老旧小区改造', 'construction', [500, 3000], '小区居民', '改善老旧小区居住条件', '改造小区已完成竣工验收', [
        ['quantity', '改造老旧小区数量', 'n', '个', 5, 20],
        ['quantity', '惠及居民户数', 'n', '户', 1000, 5000],
        ['cost', '户均改造成本', 'c', '万元', 3, 6, 1],
      ], true),
      p('农村危房改造', 'subsidy', [100, 500], '改造农户', '保障农村低收入群体住房安全', '改造房屋已全部入住', [
        ['quantity', '完成危房改造户数', 'n', '户', 100, 500],
        ['quality', '改造房屋竣工验收合格率', 'r', '%', 100, 100],
        ['cost', '户均补助标准', 'c', '万元', 1.5, 3.5, 1],
      ]),
      p('城区环卫保洁', 'operation', [300, 1500], '城区居民', '保持城区环境整洁', '城区环境卫生状况良好', [
        ['quantity', '生活垃圾清运量', 'n', '吨', 20000, 80000],
        ['quality', '城区生活垃圾无害化处理率', 'r', '%', 100, 100],
        ['ecological', '主次干道保洁达标率', 'r', '%', 95, 98],
      ]),
      p('市政道路维修', 'construction', [100, 600], '城区居民', '改善城区道路通行条件', '维修路段已恢复通行', [
        ['quantity', '维修市政道路面积', 'n', '平方米', 20000, 80000],
        ['cost', '每平方米维修成本', 'c', '元', 80, 200],
      ]),
      p('城镇污水管网建设', 'construction', [300, 1500], '城区居民', '提高城镇污水收集处理能力', '新建管网已接入污水处理厂', [
        ['quantity', '新建污水管网长度', 'n', '公里', 5, 30, 1],
        ['ecological', '城镇生活污水集中收集率', 'r', '%', 60, 75],
        ['cost', '每公里管网建设成本', 'c', '万元', 50, 120],
      ], true),
    ],
  },
  safety: {
    duty: '负责全县安全生产综合监管、应急救援、防灾减灾和应急物资保障工作',
    projects: [
      p('应急物资储备', 'operation', [30, 150], '受灾群众', '提升应急物资保障能力', '物资储备满足应急需要', [
        ['quantity', '储备应急救灾物资', 'n', '件', 5000, 20000],
        ['quality', '物资储备完好率', 'r', '%', 98, 100],
      ]),
      p('安全生产监管执法', 'service', [20, 80], '企业', '防范遏制生产安全事故', '全县安全生产形势总体平稳', [
        ['quantity', '开展安全生产执法检查', 'n', '次', 200, 800],
        ['quantity', '排查整改安全隐患', 'n', '处', 500, 2000],
        ['quality', '安全隐患整改率', 'r', '%', 95, 100],
      ]),
      p('防汛抗旱应急救援', 'service', [30, 200], '受灾群众', '保障人民群众生命财产安全', '汛期未发生人员伤亡', [
        ['quantity', '组织应急演练', 'n', '场', 10, 40],
        ['quantity', '培训应急救援队员', 'n', '人次', 300, 1200],
      ]),
    ],
  },
  market: {
    duty: '负责全县市场主体登记、食品药品安全监管、特种设备安全监察和计量质量监督工作',
    projects: [
      p('食品安全抽检', 'service', [30, 120], '消费者', '保障群众饮食安全', '抽检不合格产品全部依法处置', [
        ['quantity', '完成食品安全抽检批次', 'n', '批', 800, 3000],
        ['social', '食品安全抽检合格率', 'r', '%', 96, 98],
      ]),
      p('特种设备安全监察', 'service', [10, 50], '设备使用单位', '防范特种设备安全事故', '全年未发生特种设备安全事故', [
        ['quantity', '检查特种设备使用单位', 'n', '家', 100, 400],
        ['quality', '特种设备隐患整改率', 'r', '%', 100, 100],
      ]),
      p('计量器具强制检定', 'service', [10, 50], '经营户', '维护计量公平', '检定任务按期完成', [
        ['quantity', '强制检定计量器具', 'n', '台', 2000, 8000],
        ['quality', '检定任务完成率', 'r', '%', 100, 100],
      ]),
    ],
  },
  general: {
    duty: '负责本系统的综合协调、政策研究、信息化建设和机关日常运转保障工作',
    projects: [
      p('业务工作经费', 'service', [20, 150], '服务对象', '保障年度重点业务工作开展', '重点业务工作全部完成', [
        ['quantity', '完成重点业务工作任务', 'n', '项', 8, 20],
        ['social', '服务办事群众', 'n', '人次', 2000, 20000],
      ]),
      p('信息化系统运维', 'operation', [20, 120], '系统使用人员', '保障业务信息系统安全稳定运行', '系统全年运行平稳', [
        ['quantity', '运维信息系统数量', 'n', '个', 3, 12],
        ['quantity', '处理运维工单', 'n', '件', 200, 1000],
      ]),
      p('档案数字化加工', 'service', [20, 100], '档案利用者', '提升档案利用服务水平', '数字化成果已全部入库', [
        ['quantity', '完成档案数字化加工', 'n', '件', 50000, 300000],
        ['quality', '数字化加工质量合格率', 'r', '%', 99, 100],
      ]),
      p('统计调查', 'service', [10, 60], '数据使用单位', '保障统计调查任务完成', '统计数据按时上报', [
        ['quantity', '完成统计调查项目', 'n', '项', 10, 30],
        ['quality', '统计数据上报准确率', 'r', '%', 100, 100],
      ]),
      p('网格化服务管理', 'service', [50, 300], '辖区群众', '提升基层社会治理水平', '矛盾纠纷就地化解', [
        ['quantity', '配备专职网格员', 'n', '名', 100, 400],
        ['quantity', '排查化解矛盾纠纷', 'n', '件', 500, 3000],
        ['social', '矛盾纠纷化解率', 'r', '%', 95, 98],
      ]),
      p('政务服务事项办理', 'operation', [30, 150], '办事群众', '提升政务服务便利度', '政务服务事项按时办结', [
        ['quantity', '办理政务服务事项', 'n', '件', 30000, 100000],
        ['quality', '一次办结率', 'r', '%', 90, 95],
      ]),
      p('法律援助', 'service', [10, 60], '受援人', '保障困难群众获得法律服务', '援助案件全部依法办结', [
        ['quantity', '办理法律援助案件', 'n', '件', 200, 800],
        ['quality', '法律援助案件结案率', 'r', '%', 95, 100],
      ]),
    ],
  },
  township: {
    duty: '负责本乡镇经济社会发展、农村基层组织建设、社会治理和公共服务工作',
    projects: [
      p('村级组织运转经费保障', 'subsidy', [50, 300], '村干部', '保障村级组织正常运转', '运转经费按时足额拨付', [
        ['quantity', '保障村（社区）数量', 'n', '个', 8, 30],
        ['quality', '村级运转经费足额拨付率', 'r', '%', 100, 100],
      ]),
      p('村庄环境整治', 'construction', [30, 200], '村民', '改善村容村貌', '整治村庄环境明显改善', [
        ['quantity', '整治村庄数量', 'n', '个', 5, 20],
        ['quantity', '清理农村生活垃圾', 'n', '吨', 500, 3000],
        ['ecological', '农村生活垃圾集中处理率', 'r', '%', 90, 95],
      ]),
      p('防汛抗旱救灾', 'service', [20, 100], '受灾群众', '保障汛期群众生命财产安全', '汛期未发生人员伤亡', [
        ['quantity', '排查整治防汛隐患', 'n', '处', 20, 80],
        ['quantity', '组织防汛应急演练', 'n', '场', 3, 12],
      ]),
      p('乡村道路养护', 'operation', [20, 100], '沿线村民', '保障乡村道路安全畅通', '养护道路通行状况良好', [
        ['quantity', '养护村组道路里程', 'n', '公里', 30, 120],
        ['quality', '道路养护合格率', 'r', '%', 90, 95],
      ]),
      p('一事一议财政奖补', 'construction', [50, 300], '受益村民', '改善村级公益设施条件', '奖补项目已全部建成', [
        ['quantity', '实施一事一议奖补项目', 'n', '个', 5, 20],
        ['social', '受益群众人数', 'n', '人', 2000, 10000],
      ]),
    ],
  },
};

/** Extra projects of a hospital or a school (besides its sector's). */
export const UNIT_PROJECTS: Partial<Record<UnitKind, readonly string[]>> = {
  hospital: ['医疗设备购置', '基层医疗卫生机构能力建设', '重大传染病防控'],
  clinic: ['基本公共卫生服务', '家庭医生签约服务', '基层医疗卫生机构能力建设'],
  school: ['校舍维修改造', '家庭经济困难学生资助', '教育信息化设备购置', '义务教育学生营养改善计划'],
  townshipSchool: ['校舍维修改造', '义务教育学生营养改善计划', '家庭经济困难学生资助'],
  townshipCentre: ['农作物病虫害统防统治', '基层农技推广体系改革与建设', '动物疫病强制免疫'],
};

// ---------------------------------------------------------------------------------------------------
// 附件二's own indicators (the unit as a whole)

export const OVERALL_SPECS = {
  quantity: [['quantity', '完成年度重点工作任务', 'n', '项', 8, 20]] as readonly IndicatorSpec[],
  quality: [['quality', '重点工作任务完成率', 'r', '%', 100, 100], ['quality', '部门职责履行率', 'r', '%', 100, 100]] as readonly IndicatorSpec[],
  timeliness: [['timeliness', '资金支付及时率', 'r', '%', 95, 100], ['timeliness', '重点工作按时完成率', 'r', '%', 95, 100]] as readonly IndicatorSpec[],
  sustainable: [['sustainable', '内部管理制度健全率', 'r', '%', 100, 100], ['sustainable', '财务管理制度执行率', 'r', '%', 100, 100]] as readonly IndicatorSpec[],
  satisfaction: ['服务对象满意度', '社会公众满意度', '群众满意度'] as readonly string[],
};

// ---------------------------------------------------------------------------------------------------
// Sentences

/** Why a target was missed (偏差原因分析及改进措施); `{next}` is the next year. */
export const DEVIATION_REASONS = [
  '受汛期持续降雨影响，部分工程推迟施工，已督促施工单位加快进度，计划{next}年一季度完成',
  '部分资金于年底下达，未能在当年全部支付，已结转下年使用并加快支付进度',
  '项目前期手续办理时间较长，开工时间推迟，下一步将提前做好项目储备和前期工作',
  '部分服务对象对政策了解不够，参与度不高，下一步将加强政策宣传和跟踪回访',
  '个别实施地块条件发生变化，调整了实施计划，剩余任务已列入{next}年计划',
  '受原材料价格上涨影响，部分任务未能按计划完成，下一步将优化实施方案，严格控制成本',
  '基层工作人员力量不足，任务推进偏慢，下一步将充实人员并加强业务培训',
  '统计口径调整导致部分数据偏低，已与上级主管部门沟通，{next}年按新口径设定目标',
];

export const SAVINGS_MEASURES = [
  '严格执行公务接待和会议培训标准，公务用车按定点维修，压减一般性支出。',
  '落实过紧日子要求，严控“三公”经费，会议培训从简，公用经费按标准定额管理。',
  '建立支出审批制度，大额支出集体研究，公务用车实行派车登记和定点加油维修。',
  '严格控制一般性支出，推行无纸化办公，差旅费和会议费按标准据实报销。',
];

export const PROBLEMS = [
  '预算编制的精细化程度有待提高，部分项目年中调整预算',
  '绩效目标设定还不够细化，个别指标可衡量性不强',
  '项目资金支付进度前慢后快，年底集中支付现象仍然存在',
  '绩效运行监控不够及时，对项目实施过程的跟踪分析不足',
  '部分项目实施受天气和前期手续影响，推进速度慢于计划',
  '基层财务人员业务能力有待提升，资料归档不够规范',
];

export const IMPROVEMENTS = [
  '提高预算编制质量，做实项目前期论证，减少年中预算调整',
  '细化量化绩效目标，按照可衡量、可考核的要求设定绩效指标',
  '按季度跟踪项目执行进度，加快资金支付，提高预算执行均衡性',
  '加强绩效运行监控，对偏离目标的项目及时纠偏',
  '加强财务人员业务培训，规范项目资料收集和归档',
  '强化绩效评价结果应用，将自评结果作为下年度预算安排的重要依据',
];

export const DISCLOSURE = [
  '自评结果将在部门网站公开，并作为{next}年预算安排的参考',
  '自评报告将按规定随部门决算一并公开，评价结果作为{next}年项目预算安排的重要依据',
  '自评结果已报县财政局审核，将在政府门户网站公开，并用于改进{next}年预算管理',
];

/** 附件一's note, printed under the table as the form prints it. */
export const BASIC_NOTE = '说明：“项目支出”需要填报基本支出以外的所有项目支出情况，“公用经费”填报基本支出中的一般商品和服务支出。';
