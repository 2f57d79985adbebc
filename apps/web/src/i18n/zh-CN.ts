export default {
  app: { name: 'bixue 比学赶超', subtitle: '党建指标分析平台' },
  nav: { overview: '总览', unit: '单位画像', gaps: '序时进度', entry: '数据填报', extract: '报告识别', admin: '管理', catalog: '单位与指标', myUnit: '本单位', users: '用户管理' },
  login: { title: '登录', username: '用户名', password: '密码', submit: '登录', failed: '用户名或密码错误', logout: '退出登录', locked: '登录失败次数过多，请 {min} 分钟后再试' },
  catalog: {
    units: '单位', indicators: '指标目录', code: '代码', name: '名称', unit: '计量单位', category: '类别',
    aggregation: '时间汇总', direction: '方向', derived: '派生', perCapita: '可人均', levels: { province: '省局', city: '市局', county: '县局' },
    agg: { sum: '求和', last: '取最新', max: '取最大' }, dir: { higher_better: '越高越好', lower_better: '越低越好' },
    unitCount: '共 {n} 个单位', indicatorCount: '共 {n} 项指标',
  },
  common: { loading: '加载中…', error: '加载失败：{msg}', empty: '暂无数据', yes: '是', no: '否', language: '语言', forbidden: '无权访问', save: '保存', cancel: '取消' },
  units: {
    level: '级别', parent: '上级单位', children: '下级单位数', active: '有效期', now: '至今', back: '返回单位与指标',
    forbiddenHint: '单位 {code} 不在您的权限范围内', missing: '单位 {code} 不存在',
  },
  users: {
    title: '用户管理', create: '新建用户', edit: '编辑', displayName: '姓名', role: '角色', scope: '权限范围', status: '状态', actions: '操作',
    active: '正常', disabled: '已停用', enable: '启用', disable: '停用', resetPassword: '重置密码', saved: '已保存', passwordReset: '密码已重置，该用户需重新登录',
    newPasswordFor: '为 {user} 设置新密码（至少8个字符）', passwordRule: '密码应为8到200个字符', scopeHint: '单位代码，如 990101',
    roles: { admin: '省局管理员', leader: '领导', analyst: '市局分析员', reporter: '县局填报员' },
  },
};
