/** User-facing messages, zh-CN first. Keys are stable: services and the web app use them. */
export type Lang = 'zh-CN' | 'en';

export const MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  validation_failed: { 'zh-CN': '提交的数据有误,请检查标出的字段', en: 'Some fields are invalid' },
  unauthorized: { 'zh-CN': '请先登录', en: 'Please sign in' },
  invalid_credentials: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  forbidden: { 'zh-CN': '没有执行此操作的权限', en: 'You are not allowed to do this' },
  not_found: { 'zh-CN': '未找到,或不在您的管辖范围内', en: 'Not found, or outside your area' },
  conflict: { 'zh-CN': '操作与当前状态冲突', en: 'This conflicts with the current state' },
  rate_limited: { 'zh-CN': '尝试次数过多,请 {retryAfterSeconds} 秒后再试', en: 'Too many attempts; try again in {retryAfterSeconds} s' },
  internal: { 'zh-CN': '服务器内部错误,请稍后再试', en: 'Internal error; please try again later' },
  required: { 'zh-CN': '此项为必填项', en: 'Required' },
  route_not_found: { 'zh-CN': '接口不存在', en: 'No such endpoint' },

  code_format: { 'zh-CN': '区划代码只能由数字组成,长度为6、9、12或15位', en: 'A code has 6, 9, 12 or 15 digits' },
  code_level_mismatch: { 'zh-CN': '区划代码长度与层级不符', en: 'The code does not match the level' },
  code_parent_mismatch: { 'zh-CN': '区划代码的前缀必须与上级区划代码一致', en: "The code's prefix must match its parent's code" },
  parent_level_mismatch: { 'zh-CN': '上级区划的层级不正确(网格必须属于村或社区)', en: 'The parent is at the wrong level (a grid belongs to a village or community)' },
  code_number_range: { 'zh-CN': '区划代码末三位不能为000', en: 'The last three digits cannot be 000' },
  code_outside_scope: { 'zh-CN': '该区划不在您的管辖范围内', en: 'This code is outside your area' },
  code_taken: { 'zh-CN': '区划代码 {code} 已被使用(代码不可重复使用)', en: 'Code {code} is taken (codes are never reused)' },
  parent_not_found: { 'zh-CN': '上级区划不存在或不在您的管辖范围内', en: 'The parent does not exist or is outside your area' },
  parent_retired: { 'zh-CN': '上级区划已撤销', en: 'The parent has been retired' },
  area_retired: { 'zh-CN': '该区划已撤销', en: 'This area has been retired' },
  area_has_active_children: { 'zh-CN': '该区划下还有 {count} 个未撤销的下级区划', en: 'This area still has {count} active children' },
  cannot_retire_own_scope: { 'zh-CN': '不能撤销自己的管辖区划', en: 'You cannot retire your own scope' },
  stale_version: { 'zh-CN': '数据已被他人修改(当前版本 {version}),请刷新后重试', en: 'Someone else changed this (now version {version}); reload and retry' },

  geometry_empty: { 'zh-CN': '边界不能为空', en: 'The boundary is empty' },
  geometry_ring_too_short: { 'zh-CN': '边界的每个环至少需要4个坐标点', en: 'Each ring needs at least 4 positions' },
  geometry_ring_not_closed: { 'zh-CN': '边界的每个环必须首尾相同(闭合)', en: 'Each ring must end where it starts' },
  geometry_coordinate_range: { 'zh-CN': '坐标超出经纬度范围', en: 'A coordinate is out of range' },
  geometry_ring_degenerate: { 'zh-CN': '边界面积为零', en: 'A ring has zero area' },
  geometry_too_many_vertices: { 'zh-CN': '边界坐标点过多', en: 'The boundary has too many vertices' },

  password_too_short: { 'zh-CN': '密码至少需要8个字符', en: 'A password needs at least 8 characters' },
  password_too_long: { 'zh-CN': '密码不能超过128个字符', en: 'A password has at most 128 characters' },
  password_too_simple: { 'zh-CN': '密码需包含大写字母、小写字母、数字、符号中的至少三类', en: 'Use at least three of: upper case, lower case, digits, symbols' },
  password_contains_username: { 'zh-CN': '密码不能包含用户名', en: 'The password cannot contain the username' },
  password_common: { 'zh-CN': '密码过于常见', en: 'This password is too common' },
  username_taken: { 'zh-CN': '用户名已存在', en: 'This username is taken' },
  unit_not_found: { 'zh-CN': '单位不存在或不在管辖范围内', en: 'The unit does not exist or is outside the area' },
  handler_needs_unit: { 'zh-CN': '承办部门人员必须属于一个单位', en: 'A handler must belong to a unit' },
  scope_outside_yours: { 'zh-CN': '账号的管辖区划必须在您的管辖范围内', en: "The account's area must be inside yours" },
  role_not_grantable: { 'zh-CN': '您不能授予该角色', en: 'You cannot grant this role' },
  grid_required: { 'zh-CN': '只能分配到网格', en: 'Workers are assigned to grids only' },
  grid_worker_not_found: { 'zh-CN': '网格员不存在或不在管辖范围内', en: 'No such grid worker in your area' },
  already_assigned: { 'zh-CN': '该网格员已分配到此网格', en: 'This worker is already assigned to this grid' },
  not_assigned: { 'zh-CN': '该网格员未分配到此网格', en: 'This worker is not assigned to this grid' },
  nothing_to_change: { 'zh-CN': '没有需要修改的内容', en: 'Nothing to change' },
  id_number_format: { 'zh-CN': '身份证号应为18位,前17位为数字,末位为数字或X', en: 'An ID number has 17 digits and a final digit or X' },
  id_number_region: { 'zh-CN': '身份证号的地区码无效', en: 'The region part of the ID number is invalid' },
  id_number_birth_date: { 'zh-CN': '身份证号中的出生日期无效', en: 'The birth date in the ID number is invalid' },
  id_number_check_digit: { 'zh-CN': '身份证号校验位错误,请核对号码', en: 'The ID number check digit is wrong; please check the number' },
  id_number_exists: { 'zh-CN': '该身份证号已登记', en: 'This ID number is already registered' },
  birth_date_mismatch: { 'zh-CN': '出生日期与身份证号不符(应为 {expected})', en: 'The birth date does not match the ID number ({expected})' },
  sex_mismatch: { 'zh-CN': '性别与身份证号不符', en: 'The sex does not match the ID number' },
  credit_code_format: { 'zh-CN': '统一社会信用代码应为18位数字或大写字母(不含I、O、S、V、Z)', en: 'A credit code has 18 digits or capitals (no I, O, S, V, Z)' },
  credit_code_check: { 'zh-CN': '统一社会信用代码校验位错误', en: 'The credit code check character is wrong' },
  household_not_found: { 'zh-CN': '户不存在或不在管辖范围内', en: 'No such household in your area' },
  house_not_found: { 'zh-CN': '房屋不存在或不在管辖范围内', en: 'No such house in your area' },
  person_not_found: { 'zh-CN': '人员不存在或不在管辖范围内', en: 'No such person in your area' },
  organization_not_found: { 'zh-CN': '组织不存在或不在管辖范围内', en: 'No such organisation in your area' },
  household_number_taken: { 'zh-CN': '户号已存在', en: 'This household number is taken' },
  location_outside_grids: { 'zh-CN': '该位置不在您管辖的任何网格内', en: 'This location is in none of your grids' },
  location_or_grid_required: { 'zh-CN': '请提供位置坐标或所属网格', en: 'Give a location or a grid' },
  tag_unknown: { 'zh-CN': '未知的人群类别', en: 'Unknown group' },
  tag_detail_unknown: { 'zh-CN': '该人群类别没有此字段', en: 'This group has no such field' },
  tag_exists: { 'zh-CN': '该人员已在此类别中', en: 'This person is already in this group' },
  visit_subject_required: { 'zh-CN': '请选择走访对象(户、人员、房屋或组织)', en: 'Choose who or what was visited' },
  visit_in_future: { 'zh-CN': '走访时间不能晚于现在', en: 'A visit cannot be in the future' },
  events_not_available: { 'zh-CN': '事件模块尚未启用', en: 'The events module is not available yet' },
  finding_not_open: { 'zh-CN': '该走访没有待转事件的发现', en: 'This visit has no open finding' },
  credit_code_exists: { 'zh-CN': '该统一社会信用代码已登记', en: 'This credit code is already registered' },
  member_exists: { 'zh-CN': '该人员已是此组织成员', en: 'This person is already a member' },
  thing_subtype_unknown: { 'zh-CN': '未知的部件类别', en: 'Unknown subtype' },
  import_missing_column: { 'zh-CN': '缺少必填列,请使用导入模板', en: 'A required column is missing; use the template' },
  import_enum: { 'zh-CN': '取值不在可选范围内,请按模板说明填写', en: 'Not one of the allowed values' },
  import_number: { 'zh-CN': '应为数字且在有效范围内', en: 'Must be a number in range' },
  import_duplicate_in_file: { 'zh-CN': '与本文件第 {row} 行重复', en: 'Duplicates row {row} of this file' },
  import_grid_outside: { 'zh-CN': '网格不存在、已撤销或不在您的管辖范围内', en: 'No such active grid in your area' },
  phone_format: { 'zh-CN': '手机号格式不正确', en: 'Not a valid mobile number' },
};

export function translate(key: string, lang: Lang, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[key]?.[lang] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function pickLang(acceptLanguage: string | undefined, override?: string): Lang {
  const v = (override ?? acceptLanguage ?? '').toLowerCase();
  return v.startsWith('en') ? 'en' : 'zh-CN';
}
