/**
 * Quality per staff member (R28): the report's panel, table, charts and CSV download. One block
 * ("quality") of the zh-CN catalog; simplified characters, REQUIREMENTS.md terms.
 */
export const qualityZhCN = {
  title: '质量统计',
  intro:
    '按员工统计所选时间段内录入的记录：准确性（交叉审核一次通过）、完整性（建议字段填写）、及时性（在规定时间内录入）、退回字段和抽查发现的问题。统计口径见说明文档。',
  ownOnly: '这里只显示你本人的数据。',
  period: '统计时间段',
  from: '开始日期',
  to: '结束日期',
  show: '显示统计',
  loading: '正在统计…',
  generatedAt: '统计时间：{{time}}',
  table: {
    caption: '{{from}} 至 {{to}} 各员工质量数据',
    staff: '员工',
    role: '岗位',
    entered: '录入条数',
    corrections: '其中更正',
    accuracy: '准确性（交叉审核一次通过）',
    completeness: '完整性（建议字段）',
    timeliness: '及时性（按时录入）',
    returns: '退回次数',
    returnedFields: '退回字段',
    sampling: '抽查问题 / 抽查字段',
    noData: '无数据',
    fieldCount: '{{field}} {{count}} 次',
    noReturns: '无',
  },
  chart: {
    ratesTitle: '各员工准确性、完整性、及时性（%）',
    ratesDesc: '柱状图：每位有录入的员工三项比例，数值与上表相同。',
    returnsTitle: '按字段统计的退回次数',
    returnsDesc: '柱状图：审核退回时指出的字段及次数，数值与上表“退回字段”相同。',
    accuracy: '准确性',
    completeness: '完整性',
    timeliness: '及时性',
    returns: '退回次数',
    noEntries: '这段时间没有录入，没有可画的图。',
    noReturns: '这段时间没有退回。',
  },
  csv: {
    download: '下载 CSV',
    done: '已生成 {{file}}。',
  },
} as const;
