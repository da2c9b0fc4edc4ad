/**
 * zh-CN, the kiosk's default language. Terms follow REQUIREMENTS.md (written there in
 * traditional characters), shown here in the simplified characters a mainland desk reads.
 */
export const zhCN = {
  app: {
    name: 'Snowdesk 滑雪场客服台',
    tagline: '客户信息录入与审核',
  },
  language: {
    label: '界面语言',
    'zh-CN': '中文',
    en: 'English',
  },
  network: {
    label: '网络状态',
    online: '在线',
    offline: '离线',
    unknown: '网络状态未知',
    central: {
      not_enrolled: '未接入中心系统',
      reachable: '中心系统已连接',
      unreachable: '中心系统无法连接',
    },
  },
  device: {
    title: '本机状态',
    version: '软件版本',
    deviceId: '设备编号',
    schema: '数据结构版本',
    storageReady: '本机数据存储正常',
    setupRequired: '尚未完成首次设置：请系统维护人员创建管理账户。',
    setupDone: '首次设置已完成',
    loading: '正在读取本机状态…',
    unreachable: '无法连接本机服务，请联系系统维护人员。',
  },
  storageProblem: {
    title: '无法使用本机数据',
    data_dir_unwritable: '数据文件夹无法写入。请系统维护人员检查文件夹权限或磁盘。',
    database_invalid: '数据文件已损坏或不是 Snowdesk 数据库。文件未被改动，请联系系统维护人员从备份恢复。',
    database_newer: '数据文件来自更新版本的 Snowdesk。请安装最新版本后再使用。',
    database_error: '打开数据文件时出错。请联系系统维护人员。',
    folder: '数据文件夹',
  },
  errorBoundary: {
    title: '页面出现意外问题',
    body: '界面遇到了一个意外错误，已停止当前操作。请点击“重新加载”继续；如果反复出现，请告诉系统维护人员。',
    reload: '重新加载',
  },
} as const;
