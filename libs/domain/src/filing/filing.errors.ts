/**
 * Errors a filing decision can raise. Pure data (no framework): the application maps `kind` to the
 * shared error kinds (400 / 404 / 409) and RFC 9457 Problem Details. `message` is for a finance officer.
 */
export type FilingErrorKind = 'InvalidInput' | 'NotFound' | 'Conflict';

export class FilingError extends Error {
  constructor(
    readonly kind: FilingErrorKind,
    readonly code: string,
    message: string,
    readonly messageEn: string,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'FilingError';
  }
}

export const filingErrors = {
  unknownPath: (path: string, why: string, whyEn: string) =>
    new FilingError('InvalidInput', 'unknown-figure-path', `未知的数据路径 ${path}：${why}`, `unknown figure path ${path}: ${whyEn}`, path),
  invalidValue: (path: string, why: string, whyEn: string) =>
    new FilingError('InvalidInput', 'invalid-figure-value', `${path} 的值不合规：${why}`, `invalid value for ${path}: ${whyEn}`, path),
  wrongTable: (path: string, table: string) =>
    new FilingError('InvalidInput', 'figure-path-wrong-table', `数据路径 ${path} 不属于表 ${table}，只能在其所属的表中填写`, `figure path ${path} is not in table ${table}; a path is only written in its own table`, path),
  notOpen: () => new FilingError('NotFound', 'filing-not-found', '该单位本年度尚无填报', 'this unit has no filing for this year'),
  alreadyOpen: () => new FilingError('Conflict', 'filing-exists', '该单位本年度的填报已存在', 'the filing already exists'),
  locked: (status: string) =>
    new FilingError(
      'Conflict',
      'filing-locked',
      `填报当前状态为“${STATUS_ZH[status] ?? status}”，不能修改；如需修改，请由财政局退回后再改`,
      `the filing is ${status} and refuses edits; the bureau must return it first`,
    ),
  transition: (status: string, action: string, actionEn: string) =>
    new FilingError(
      'Conflict',
      'invalid-workflow-transition',
      `填报当前状态为“${STATUS_ZH[status] ?? status}”，不能${action}`,
      `a ${status} filing cannot be ${actionEn}`,
    ),
  projectNotFound: (name: string) =>
    new FilingError('NotFound', 'project-not-found', `项目“${name}”不存在，请先添加项目`, `project "${name}" does not exist; add it first`, 'project'),
  projectExists: (name: string) =>
    new FilingError('Conflict', 'project-exists', `项目“${name}”已存在`, `project "${name}" already exists`, 'project'),
  invalidField: (field: string, why: string, whyEn: string) => new FilingError('InvalidInput', 'invalid-field', `${field}：${why}`, `${field}: ${whyEn}`, field),
};

export const STATUS_ZH: Record<string, string> = { draft: '草稿', submitted: '已送审', accepted: '审核通过', published: '已公开' };
