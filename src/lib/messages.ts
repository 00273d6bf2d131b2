/** User-facing messages, zh-CN first. Keys are stable: services and the web app use them. */
export type Lang = 'zh-CN' | 'en';

export const MESSAGES: Record<string, { 'zh-CN': string; en: string }> = {
  validation_failed: { 'zh-CN': '提交的数据有误,请检查标出的字段', en: 'Some fields are invalid' },
  // The input gate (src/http/input-gate.ts) and the shared id, cursor and date schemas.
  bad_request: { 'zh-CN': '请求无法处理', en: 'The request cannot be processed' },
  nul_byte: { 'zh-CN': '不能包含空字符(\\u0000)', en: 'Must not contain a NUL character (\\u0000)' },
  body_malformed_json: { 'zh-CN': '请求内容不是有效的 JSON', en: 'The body is not valid JSON' },
  body_empty_json: { 'zh-CN': '声明为 JSON 的请求内容为空', en: 'The body is declared as JSON but is empty' },
  body_content_type: {
    'zh-CN': '不支持此内容类型(Content-Type),请发送 application/json 或按接口说明发送',
    en: 'Unsupported Content-Type: send application/json, or what the endpoint documents',
  },
  body_malformed_multipart: {
    'zh-CN': '上传的表单(multipart)不完整或格式有误',
    en: 'The multipart form is incomplete or malformed',
  },
  url_malformed: { 'zh-CN': '地址中含有无效的编码', en: 'The address contains an invalid encoding' },
  param_too_long: { 'zh-CN': '地址中的参数过长', en: 'A value in the address is too long' },
  integer_out_of_range: { 'zh-CN': '数值超出允许范围', en: 'The number is out of range' },
  id_format: { 'zh-CN': '编号格式有误', en: 'The id is malformed' },
  date_format: { 'zh-CN': '日期格式应为 YYYY-MM-DD', en: 'Use the date format YYYY-MM-DD' },
  date_invalid: {
    'zh-CN': '日期不存在或超出范围(1900–2100 年)',
    en: 'No such date, or outside the years 1900–2100',
  },
  unauthorized: { 'zh-CN': '请先登录', en: 'Please sign in' },
  invalid_credentials: { 'zh-CN': '用户名或密码错误', en: 'Wrong username or password' },
  forbidden: { 'zh-CN': '没有执行此操作的权限', en: 'You are not allowed to do this' },
  not_found: { 'zh-CN': '未找到,或不在您的管辖范围内', en: 'Not found, or outside your area' },
  conflict: { 'zh-CN': '操作与当前状态冲突', en: 'This conflicts with the current state' },
  rate_limited: {
    'zh-CN': '尝试次数过多,请 {retryAfterSeconds} 秒后再试',
    en: 'Too many attempts; try again in {retryAfterSeconds} s',
  },
  internal: { 'zh-CN': '服务器内部错误,请稍后再试', en: 'Internal error; please try again later' },
  required: { 'zh-CN': '此项为必填项', en: 'Required' },
  route_not_found: { 'zh-CN': '接口不存在', en: 'No such endpoint' },

  code_format: { 'zh-CN': '区划代码只能由数字组成,长度为6、9、12或15位', en: 'A code has 6, 9, 12 or 15 digits' },
  code_level_mismatch: { 'zh-CN': '区划代码长度与层级不符', en: 'The code does not match the level' },
  code_parent_mismatch: {
    'zh-CN': '区划代码的前缀必须与上级区划代码一致',
    en: "The code's prefix must match its parent's code",
  },
  parent_level_mismatch: {
    'zh-CN': '上级区划的层级不正确(网格必须属于村或社区)',
    en: 'The parent is at the wrong level (a grid belongs to a village or community)',
  },
  code_number_range: { 'zh-CN': '区划代码末三位不能为000', en: 'The last three digits cannot be 000' },
  code_outside_scope: { 'zh-CN': '该区划不在您的管辖范围内', en: 'This code is outside your area' },
  code_taken: {
    'zh-CN': '区划代码 {code} 已被使用(代码不可重复使用)',
    en: 'Code {code} is taken (codes are never reused)',
  },
  parent_not_found: {
    'zh-CN': '上级区划不存在或不在您的管辖范围内',
    en: 'The parent does not exist or is outside your area',
  },
  parent_retired: { 'zh-CN': '上级区划已撤销', en: 'The parent has been retired' },
  area_retired: { 'zh-CN': '该区划已撤销', en: 'This area has been retired' },
  area_has_active_children: {
    'zh-CN': '该区划下还有 {count} 个未撤销的下级区划',
    en: 'This area still has {count} active children',
  },
  cannot_retire_own_scope: { 'zh-CN': '不能撤销自己的管辖区划', en: 'You cannot retire your own scope' },
  stale_version: {
    'zh-CN': '数据已被他人修改(当前版本 {version}),请刷新后重试',
    en: 'Someone else changed this (now version {version}); reload and retry',
  },

  geometry_empty: { 'zh-CN': '边界不能为空', en: 'The boundary is empty' },
  geometry_ring_too_short: { 'zh-CN': '边界的每个环至少需要4个坐标点', en: 'Each ring needs at least 4 positions' },
  geometry_ring_not_closed: { 'zh-CN': '边界的每个环必须首尾相同(闭合)', en: 'Each ring must end where it starts' },
  geometry_coordinate_range: { 'zh-CN': '坐标超出经纬度范围', en: 'A coordinate is out of range' },
  geometry_ring_degenerate: { 'zh-CN': '边界面积为零', en: 'A ring has zero area' },
  geometry_too_many_vertices: { 'zh-CN': '边界坐标点过多', en: 'The boundary has too many vertices' },

  password_too_short: { 'zh-CN': '密码至少需要8个字符', en: 'A password needs at least 8 characters' },
  password_too_long: { 'zh-CN': '密码不能超过128个字符', en: 'A password has at most 128 characters' },
  password_weak: {
    'zh-CN': '密码太容易被猜中,请换一个更长、更不常见的密码',
    en: 'This password is too easy to guess; choose a longer, less common one',
  },
  password_reused: {
    'zh-CN': '不能使用最近用过的密码',
    en: 'You cannot reuse a recent password',
  },
  password_warning_straightRow: {
    'zh-CN': '键盘上的一排连续按键很容易被猜中',
    en: 'Straight rows of keys are easy to guess',
  },
  password_warning_keyPattern: {
    'zh-CN': '键盘上的相邻按键组合很容易被猜中',
    en: 'Short keyboard patterns are easy to guess',
  },
  password_warning_simpleRepeat: {
    'zh-CN': '“aaa”这样的重复字符很容易被猜中',
    en: 'Repeated characters like "aaa" are easy to guess',
  },
  password_warning_extendedRepeat: {
    'zh-CN': '“abcabcabc”这样的重复组合很容易被猜中',
    en: 'Repeated patterns like "abcabcabc" are easy to guess',
  },
  password_warning_sequences: {
    'zh-CN': '“abc”“6543”这样的顺序字符很容易被猜中',
    en: 'Sequences like "abc" or "6543" are easy to guess',
  },
  password_warning_recentYears: { 'zh-CN': '近年的年份很容易被猜中', en: 'Recent years are easy to guess' },
  password_warning_dates: { 'zh-CN': '日期(如生日)很容易被猜中', en: 'Dates, such as birthdays, are easy to guess' },
  password_warning_topTen: { 'zh-CN': '这是最常用的密码之一', en: 'This is one of the most used passwords' },
  password_warning_topHundred: { 'zh-CN': '这是很常用的密码', en: 'This is a frequently used password' },
  password_warning_common: { 'zh-CN': '这是常用密码', en: 'This is a commonly used password' },
  password_warning_similarToCommon: {
    'zh-CN': '与常用密码过于相似',
    en: 'This is similar to a commonly used password',
  },
  password_warning_wordByItself: { 'zh-CN': '单个词语很容易被猜中', en: 'Single words are easy to guess' },
  password_warning_namesByThemselves: {
    'zh-CN': '单独的姓名很容易被猜中',
    en: 'Single names or surnames are easy to guess',
  },
  password_warning_commonNames: {
    'zh-CN': '常见的姓名很容易被猜中',
    en: 'Common names and surnames are easy to guess',
  },
  password_warning_userInputs: {
    'zh-CN': '不要使用与您或本平台相关的信息(用户名、姓名、地名、平台名)',
    en: 'Do not use personal or platform data (username, name, place, platform name)',
  },
  password_warning_pwned: { 'zh-CN': '该密码已在网上泄露过', en: 'This password has been exposed in a data breach' },
  password_suggestion_l33t: {
    'zh-CN': '避免用可预见的字符替换字母,如用“@”代替“a”',
    en: 'Avoid predictable letter substitutions like "@" for "a"',
  },
  password_suggestion_reverseWords: { 'zh-CN': '避免把常用词倒过来写', en: 'Avoid reversed spellings of common words' },
  password_suggestion_allUppercase: {
    'zh-CN': '只大写部分字母,而不是全部',
    en: 'Capitalise some, but not all letters',
  },
  password_suggestion_capitalization: { 'zh-CN': '不要只把首字母大写', en: 'Capitalise more than the first letter' },
  password_suggestion_dates: {
    'zh-CN': '避免使用与您相关的日期和年份',
    en: 'Avoid dates and years that are associated with you',
  },
  password_suggestion_recentYears: { 'zh-CN': '避免使用近年的年份', en: 'Avoid recent years' },
  password_suggestion_associatedYears: {
    'zh-CN': '避免使用与您相关的年份',
    en: 'Avoid years that are associated with you',
  },
  password_suggestion_sequences: { 'zh-CN': '避免顺序的字母和数字', en: 'Avoid common character sequences' },
  password_suggestion_repeated: { 'zh-CN': '避免重复的词语和字符', en: 'Avoid repeated words and characters' },
  password_suggestion_longerKeyboardPattern: {
    'zh-CN': '使用更长的键盘组合,并多次改变输入方向',
    en: 'Use longer keyboard patterns and change typing direction multiple times',
  },
  password_suggestion_anotherWord: { 'zh-CN': '多加几个不常见的词语', en: 'Add more words that are less common' },
  password_suggestion_useWords: {
    'zh-CN': '使用多个词语组成的短句,避免常见短语',
    en: 'Use multiple words, but avoid common phrases',
  },
  password_suggestion_noNeed: {
    'zh-CN': '不需要符号、数字或大写字母,也能设置强密码',
    en: 'You can create strong passwords without using symbols, numbers, or uppercase letters',
  },
  password_suggestion_pwned: {
    'zh-CN': '如在别处使用过该密码,请一并更换',
    en: 'If you use this password elsewhere, change it',
  },
  too_many_attempts: {
    'zh-CN': '密码错误次数过多,请 {retryAfterSeconds} 秒后再试',
    en: 'Too many wrong passwords; try again in {retryAfterSeconds} s',
  },
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
  id_number_format: {
    'zh-CN': '身份证号应为18位,前17位为数字,末位为数字或X',
    en: 'An ID number has 17 digits and a final digit or X',
  },
  id_number_region: { 'zh-CN': '身份证号的地区码无效', en: 'The region part of the ID number is invalid' },
  id_number_birth_date: { 'zh-CN': '身份证号中的出生日期无效', en: 'The birth date in the ID number is invalid' },
  id_number_check_digit: {
    'zh-CN': '身份证号校验位错误,请核对号码',
    en: 'The ID number check digit is wrong; please check the number',
  },
  id_number_exists: { 'zh-CN': '该身份证号已登记', en: 'This ID number is already registered' },
  birth_date_mismatch: {
    'zh-CN': '出生日期与身份证号不符(应为 {expected})',
    en: 'The birth date does not match the ID number ({expected})',
  },
  sex_mismatch: { 'zh-CN': '性别与身份证号不符', en: 'The sex does not match the ID number' },
  credit_code_format: {
    'zh-CN': '统一社会信用代码应为18位数字或大写字母(不含I、O、S、V、Z)',
    en: 'A credit code has 18 digits or capitals (no I, O, S, V, Z)',
  },
  credit_code_check: { 'zh-CN': '统一社会信用代码校验位错误', en: 'The credit code check character is wrong' },
  household_not_found: { 'zh-CN': '户不存在或不在管辖范围内', en: 'No such household in your area' },
  house_not_found: { 'zh-CN': '房屋不存在或不在管辖范围内', en: 'No such house in your area' },
  person_not_found: { 'zh-CN': '人员不存在或不在管辖范围内', en: 'No such person in your area' },
  organization_not_found: { 'zh-CN': '组织不存在或不在管辖范围内', en: 'No such organisation in your area' },
  household_number_taken: { 'zh-CN': '户号已存在', en: 'This household number is taken' },
  bbox_too_large: { 'zh-CN': '范围过大,请放大地图', en: 'The area is too large; zoom in' },
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
  invalid_transition: { 'zh-CN': '当前状态下不能执行此操作', en: 'This action is not allowed in the current state' },
  event_action_not_allowed: {
    'zh-CN': '当前状态下不能执行此操作',
    en: 'This action is not allowed in the current state',
  },
  event_role_not_allowed: { 'zh-CN': '您的角色不能执行此操作', en: 'Your role cannot do this' },
  event_co_handlers_open: { 'zh-CN': '还有协办单位的任务未完成', en: 'Co-handler tasks are still open' },
  event_reopen_limit: { 'zh-CN': '每个事件只能因不满意重新办理一次', en: 'An event can be reopened only once' },
  event_reason_required: { 'zh-CN': '请填写原因', en: 'Give a reason' },
  event_rating_required: { 'zh-CN': '请选择评价', en: 'Choose a rating' },
  event_category_unknown: {
    'zh-CN': '事件类别不存在(请选择二级类别)',
    en: 'Unknown category (choose a second-level one)',
  },
  location_or_address_required: {
    'zh-CN': '请在地图上选点或填写地址',
    en: 'Pick a point on the map or give an address',
  },
  address_not_found: {
    'zh-CN': '未能根据地址找到位置,请在地图上选点',
    en: 'No place matches this address; pick a point on the map',
  },
  person_unknown: { 'zh-CN': '人员不存在或不在您的管辖范围内', en: 'No such person in your area' },
  out_of_scope: { 'zh-CN': '超出您的管辖范围', en: 'Outside your area' },
  routing_unit_required: { 'zh-CN': '请指定承办单位或单位类型', en: 'Name a unit or a kind of unit' },
  unit_unknown: { 'zh-CN': '单位不存在、已撤销或不在该事件所在区域', en: 'No such active unit for this area' },
  event_unit_required: { 'zh-CN': '请选择承办单位', en: 'Choose the handling unit' },
  event_same_unit: { 'zh-CN': '改派须选择另一个单位', en: 'Reassign to a different unit' },
  event_merge_self: { 'zh-CN': '不能与自身合并', en: 'An event cannot be merged into itself' },
  event_merge_target: { 'zh-CN': '只能并入同类、未办结的事件', en: 'Merge into an open event of the same kind' },
  co_handler_is_lead: { 'zh-CN': '牵头单位不能同时作为协办单位', en: 'The lead unit cannot also co-handle' },
  co_handler_exists: { 'zh-CN': '该单位已有未完成的协办任务', en: 'This unit already has an open task' },
  co_handler_not_open: { 'zh-CN': '该协办任务已结束', en: 'This task is already finished' },
  stage_limit_handle: {
    'zh-CN': '处置环节的时限即事件类别的办理时限',
    en: "The handling stage runs to the category's limit",
  },
  stage_limit_default_required: { 'zh-CN': '默认时限不能删除', en: 'The default limit cannot be removed' },
  mediation_policy_invalid: {
    'zh-CN': '调解层级设置有误(1–8 级,代码不重复,每级 1–30 个工作日)',
    en: 'Invalid levels (1–8, distinct keys, 1–30 working days each)',
  },
  mediation_not_open: { 'zh-CN': '该纠纷调解已结束', en: 'This mediation case is closed' },
  import_unreadable: {
    'zh-CN': '无法读取文件,请上传 .xlsx 文件或 UTF-8/GBK 编码的 .csv 文件',
    en: 'The file cannot be read; send an .xlsx, or a UTF-8 or GBK .csv',
  },
  import_too_many_rows: {
    'zh-CN': '文件行数超过 {max} 行,请拆分后分批导入',
    en: 'More than {max} rows; split the file',
  },
  import_too_long: { 'zh-CN': '内容过长(最多 {max} 个字符)', en: 'Too long (at most {max} characters)' },
  import_number_as_text: {
    'zh-CN': '数字位数过多,Excel 已截断末尾数字,请将该列设为文本格式后重新填写',
    en: 'Excel cut this long number short; format the column as text and type it again',
  },
  import_relation_without_household: {
    'zh-CN': '填写与户主关系时须同时填写户号',
    en: 'A relation to the head needs a household number',
  },
  import_household_mixed_grid: {
    'zh-CN': '同一户的人员网格编码应一致(与第 {row} 行不同)',
    en: 'Members of one household must be in one grid (row {row} differs)',
  },
  import_household_two_heads: {
    'zh-CN': '同一户只能有一位户主(第 {row} 行已是户主)',
    en: 'A household has one head (row {row} is already the head)',
  },
  import_household_elsewhere: {
    'zh-CN': '该户号已在其他网格登记,请核对户号或网格编码',
    en: 'This household number is registered in another grid',
  },
  import_household_has_head: { 'zh-CN': '该户已有户主', en: 'This household already has a head' },
  import_household_address: { 'zh-CN': '新建户时须填写地址', en: 'A new household needs an address' },
  phone_format: { 'zh-CN': '手机号格式不正确', en: 'Not a valid mobile number' },
  // Working-day calendar and event attachments.
  payload_too_large: { 'zh-CN': '上传的内容过大', en: 'The upload is too large' },
  unprocessable: {
    'zh-CN': '无法处理提交的内容,请检查标出的字段',
    en: 'The submission cannot be processed; check the marked fields',
  },
  calendar_date_invalid: {
    'zh-CN': '日期无效,应为 2000–2100 年间的 YYYY-MM-DD',
    en: 'Not a valid date: use YYYY-MM-DD between 2000 and 2100',
  },
  attachment_file_required: { 'zh-CN': '请在 file 字段中上传一个文件', en: 'Send one file in the field "file"' },
  attachment_type: {
    'zh-CN': '文件类型不支持(按文件内容识别),仅接受 {types}',
    en: 'Unsupported file type (judged by its content); accepted: {types}',
  },
  attachment_too_large: { 'zh-CN': '文件不能超过 {maxMb} MB', en: 'The file must be at most {maxMb} MB' },
  attachment_empty: { 'zh-CN': '文件为空', en: 'The file is empty' },
  attachment_transition_unknown: { 'zh-CN': '该事件没有这条流转记录', en: 'This event has no such transition' },
  attachment_public_limit: {
    'zh-CN': '每个事件最多可由群众上传 {max} 张照片',
    en: 'Residents can add at most {max} photos to an event',
  },
  attachment_event_state: {
    'zh-CN': '事件当前状态下不能由您添加附件(已办结、已合并,或不在您的办理环节)',
    en: 'You cannot add files to this event in its current state (finished, merged, or not at your step)',
  },
  attachment_public_closed: {
    'zh-CN': '只能在事件上报后 24 小时内、办结前补充照片',
    en: 'Photos can be added only within 24 hours of the report and before the event is closed',
  },
};

export function translate(key: string, lang: Lang, params: Record<string, string | number> = {}): string {
  const template = MESSAGES[key]?.[lang] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function pickLang(acceptLanguage: string | undefined, override?: string): Lang {
  const v = (override ?? acceptLanguage ?? '').toLowerCase();
  return v.startsWith('en') ? 'en' : 'zh-CN';
}
