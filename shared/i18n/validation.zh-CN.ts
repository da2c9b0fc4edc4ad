import type { ProblemMessages } from '../ipc/problem-codes.js';

/**
 * Validation and workflow messages, simplified Chinese (the kiosk's default). One message per
 * code of shared/domain/validation-codes.ts, keyed "group.code"; {{min}}, {{max}} and {{length}}
 * are i18next interpolations. Say what is wrong and what to do, in the desk's words.
 */
export const validationZhCN = {
  common: {
    required: '此项为必填项，请填写',
    not_a_number: '请输入数字，例如 175 或 42.5',
    out_of_range: '请输入 {{min}} 到 {{max}} 之间的数值',
    invalid_date: '日期无效，请按“年-月-日”填写，例如 2012-03-09',
    invalid_datetime: '时间记录无效，请重新记录',
    date_future: '时间不能晚于今天',
  },
  text: {
    control_characters: '内容中有无法显示的控制字符（多为复制粘贴带入），请删除后重新输入',
    too_long: '内容过长：最多 {{max}} 个字，现有 {{length}} 个字',
  },
  name: {
    empty: '请填写姓名',
    too_long: '姓名过长：最多 {{max}} 个字，现有 {{length}} 个字',
    emoji: '姓名中不能有表情符号，请按证件上的姓名填写',
    control_characters: '姓名中有无法显示的字符（多为复制粘贴带入），请删除后重新输入',
    characters: '姓名只能包含文字、空格、间隔号“·”、连字符“-”和撇号“’”，不能有数字或其他符号',
    middle_dot: '间隔号“·”只能放在姓名的两部分之间，例如“买买提·艾力”',
  },
  notes: {
    control_characters: '备注中有无法显示的控制字符（多为复制粘贴带入），请删除后重新输入',
    too_long: '备注最多 {{max}} 个字，现有 {{length}} 个字，请精简',
  },
  phone: {
    empty: '请填写电话号码',
    characters: '电话号码只能包含数字、“+”、空格和“-”',
    invalid_country: '国际区号不存在，请核对“+”后面的国家或地区代码',
    too_short: '电话号码位数不够，请核对（中国大陆手机号为 11 位）',
    too_long: '电话号码位数过多，请核对（中国大陆手机号为 11 位）',
    invalid: '这个电话号码不存在，请核对；境外号码请以“+国家或地区代码”开头',
    not_personal: '这是热线或服务号码（如 400、800 开头），请填写本人能接听的电话',
  },
  residentId: {
    empty: '请填写身份证号码',
    characters: '身份证号码只能包含数字，最后一位可以是 X',
    legacy_15: '这是已停用的 15 位旧身份证号码，请登记现行的 18 位号码',
    length: '身份证号码应为 18 位，请核对位数',
    region: '身份证号码前两位不是有效的省级地区代码，请核对',
    birth_date_invalid: '身份证号码中的出生日期（第 7–14 位）不是有效日期，请核对',
    birth_date_too_early: '身份证号码中的出生日期早于 1900 年，请核对',
    birth_date_future: '身份证号码中的出生日期晚于今天，请核对',
    checksum: '身份证号码校验位不正确，请核对最后一位，并逐位检查其他数字',
  },
  passport: {
    empty: '请填写护照号码',
    characters: '护照号码只能包含英文字母和数字',
    length: '护照号码应为 5 到 20 位字母或数字，请核对',
    prc_format: '中国护照号码格式不正确：应为 E 或 G 加 8 位数字，或 E 加 1 个字母和 7 位数字',
    issuing_country: '签发国代码应为护照资料页上的 1 到 3 个英文字母，例如 CHN、RUS',
  },
  hkMacaoPermit: {
    empty: '请填写港澳居民来往内地通行证号码',
    characters: '通行证号码只能包含字母和数字',
    prefix: '港澳居民来往内地通行证号码应以 H（香港）或 M（澳门）开头',
    length: '港澳居民来往内地通行证号码应为 H 或 M 加 8 位数字（旧版为加 10 位数字）',
  },
  taiwanPermit: {
    empty: '请填写台湾居民来往大陆通行证号码',
    characters: '台湾居民来往大陆通行证号码只能包含数字',
    length: '台湾居民来往大陆通行证号码应为 8 位数字（旧版为 10 位）',
  },
  foreignPermanentResidence: {
    empty: '请填写外国人永久居留身份证号码',
    characters: '永久居留身份证号码只能包含字母和数字',
    length: '永久居留身份证号码应为 18 位（2023 年新版）或 15 位（旧版）',
    format: '永久居留身份证号码格式不正确：新版为以 9 开头的 18 位，旧版为 3 个字母加 12 位数字',
    region: '永久居留身份证号码第 2–3 位不是有效的受理地代码，请核对',
    birth_date_invalid: '永久居留身份证号码中的出生日期（第 7–14 位）不是有效日期，请核对',
    birth_date_too_early: '永久居留身份证号码中的出生日期早于 1900 年，请核对',
    birth_date_future: '永久居留身份证号码中的出生日期晚于今天，请核对',
    checksum: '永久居留身份证号码校验位不正确，请核对最后一位，并逐位检查其他数字',
  },
  birthDate: {
    too_early: '出生日期早于 1900 年，请核对',
    future: '出生日期不能晚于今天',
    mismatch_document: '出生日期与证件号码中的出生日期不一致，请核对',
  },
  emergencyContact: {
    same_as_guest: '紧急联系人电话与客户本人电话相同，请填写另一个人的电话',
  },
  consent: {
    general_required: '客户尚未同意信息收集：请先说明收集的目的和用途，取得同意后再提交',
    id_number_required: '证件号码属于敏感个人信息，需要客户单独同意后才能登记',
    notice_unknown: '记录引用的告知书版本不是本机发布过的版本：请重新向客户展示当前告知书并取得同意',
  },
  guardian: {
    consent_required: '客户未满 14 周岁，需取得监护人同意后才能提交',
  },
  search: {
    id_number_characters: '证件号码只能包含字母和数字，请核对',
  },
  workflow: {
    erased: '该记录已删除，不能再进行任何操作',
    wrong_state: '记录当前的状态不允许此操作，请刷新后再试',
    forbidden: '您的岗位没有此项操作权限',
    not_certified: '此操作需要先通过信息录入培训和考核',
    not_entrant: '只有录入人本人可以进行此操作',
    reviewer_is_entrant: '不能审核自己录入的记录，请交给其他同事审核',
    checklist_incomplete: '请先逐项完成自我审核（完整性、准确性、格式、告知与同意）',
    comments_required: '退回时请至少对一个字段写明问题',
    reason_required: '请填写原因',
    erasure_pending: '该记录已有待审批的删除申请',
    no_erasure_request: '该记录没有待审批的删除申请',
    requester_cannot_approve: '删除申请人不能审批自己的申请',
    not_a_correction: '只有客户更正产生的新版本可以撤销',
    online_submission: '客户在线提交的信息不能像现场草稿一样放弃；如客户要求，请申请删除',
  },
  account: {
    required: '请填写此项',
    repeat_mismatch: '两次输入的密码不一致，请重新输入',
    name_required: '请填写姓名',
    name_too_long: '姓名过长：最多 {{max}} 个字',
    name_characters: '姓名只能包含文字、数字、空格和 . · - _',
    name_taken: '已有同名账户，请换一个姓名（例如加上工号）',
    not_maintainer: '没有这个姓名的系统维护账户',
    self: '不能停用自己正在使用的账户',
    not_desk_role: '系统维护人员不接触客户信息，无需认证',
    not_found: '找不到这个账户，它可能已被更改，请刷新列表',
  },
  password: {
    too_short: '密码太短：至少 {{min}} 个字符',
    too_long: '密码太长：最多 {{max}} 个字符',
    contains_name: '密码不能包含姓名',
    too_simple: '密码太简单（常见密码或重复字符），请换一个不容易猜到的',
    same_as_current: '新密码不能与当前密码相同',
    same_for_both: '每人使用自己的密码：这个密码与另一人的相同',
  },
  recoveryKey: {
    length: '恢复密钥应有 14 组、每组 4 个字符，请对照抄写的内容检查',
    character: '恢复密钥中有不会出现的字符，请对照抄写的内容检查',
    checksum: '恢复密钥中有字符抄错或输错了，请逐组核对',
    mismatch: '与恢复密钥的这一组不一致，请对照抄写的内容检查',
  },
  consentNotice: {
    version_taken: '这个版本号已经发布过，请用新的版本号',
    version_characters: '版本号只能用字母、数字、点、横线和下划线',
    notice_too_short: '告知书内容太短（至少 20 个字）',
    notice_too_long: '告知书内容太长（最多 5000 个字）',
  },
  desk: {
    required: '请填写此项。',
    text_too_long: '内容太长，请精简。',
    record_number_form: '格式不正确。',
    unknown_record: '找不到这个客户记录编号，请核对。',
    cannot_handle_complaints: '此人没有处理投诉的权限。',
    assignee_is_entrant: '不能分派给录入这条记录的人。',
    unknown_staff: '找不到这个员工，或账户已停用。',
    not_assignee: '只有负责人才能处理完毕。',
    not_assigned: '请先分派负责人。',
    already_resolved: '这件投诉已经处理完毕，不能再更改。',
    unknown_complaint: '找不到这件投诉，请刷新。',
    unknown_suggestion: '找不到这条建议，请刷新。',
    date_future: '这一天还没有开始。',
    date_invalid: '日期不正确。',
  },
  sampling: {
    required: '请填写此项。',
    date_invalid: '请填写真实存在的日期（年-月-日）。',
    period_reversed: '结束日期不能早于开始日期。',
    share_out_of_range: '抽样比例必须大于 0%，且不超过 100%。',
    count_out_of_range: '抽取份数必须是 1 到 500 之间的整数。',
    share_or_count: '请填写抽样比例或抽取份数（二选一）。',
    period_empty: '所选期间内没有有效记录，无法抽样。请换一个期间。',
    sample_completed: '该样本的检查已完成，不能再修改。',
    records_unchecked: '还有记录没有核对。请先逐条核对，再完成检查。',
    record_erased: '该记录已被删除，无需核对。',
    record_not_in_sample: '该记录不在这个样本中。',
    sample_not_found: '找不到这个样本。',
  },
  enrolmentCode: {
    prefix: '这不是接入码：接入码以 snowdesk-enrol:1: 开头',
    encoding: '接入码不完整或有错字，请重新复制或扫描',
    json: '接入码内容已损坏，请向中心系统重新获取',
    content: '接入码缺少地址、令牌或公钥，或内容有误，请向中心系统重新获取',
  },
  quality: {
    period_invalid_date: '请输入有效的日期。',
    period_reversed: '结束日期不能早于开始日期。',
    period_too_long: '时间段最长一年（366 天）。',
  },
  input: {
    invalid: '此项内容有问题，请检查',
    not_a_field: '这不是客户记录中的一项',
  },
} as const satisfies ProblemMessages;

/** Same groups and keys as zh-CN, any wording: a missing or extra key in another language is a type error. */
export type ValidationCatalog = {
  readonly [G in keyof typeof validationZhCN]: { readonly [K in keyof (typeof validationZhCN)[G]]: string };
};
