export default {
  app: { name: 'bixue 比学赶超', subtitle: '党建指标分析平台' },
  nav: { overview: '总览', unit: '单位画像', gaps: '序时进度', entry: '数据填报', extract: '报告识别', admin: '管理', catalog: '单位与指标' },
  login: { title: '登录', username: '用户名', password: '密码', submit: '登录', failed: '用户名或密码错误', logout: '退出登录' },
  catalog: {
    units: '单位', indicators: '指标目录', code: '代码', name: '名称', unit: '计量单位', category: '类别',
    aggregation: '时间汇总', direction: '方向', derived: '派生', perCapita: '可人均', levels: { province: '省局', city: '市局', county: '县局' },
    agg: { sum: '求和', last: '取最新', max: '取最大' }, dir: { higher_better: '越高越好', lower_better: '越低越好' },
    unitCount: '共 {n} 个单位', indicatorCount: '共 {n} 项指标',
  },
  common: { loading: '加载中…', error: '加载失败：{msg}', empty: '暂无数据', yes: '是', no: '否', language: '语言' },
  extract: {
    title: '报告识别', hint: '上传或粘贴党建工作总结（.txt / .docx），系统提出数据建议，确认后才保存。',
    upload: '上传报告', paste: '在此粘贴报告全文…', read: '识别', pasted: '粘贴的报告', original: '原文',
    proposals: '识别结果（{n} 项）', unit: '单位', period: '报告期', detected: '识别到', unknown: '未识别',
    accept: '采用', indicator: '指标', value: '数值', confidence: '置信度', undisclosed: '未公开',
    confirm: '确认保存 {n} 项', savedMessage: '已保存：新增 {inserted}，更新 {updated}，未变 {unchanged}',
    savedTitle: '{unit} {period} 已存数据', source: '来源', sentence: '原文语句',
    sources: { manual: '手工填报', import: '表格导入', report: '报告识别', demo: '演示数据' },
  },
};
