import type { ValidationError } from '@nestjs/common';
import { AppError } from '@app/shared';

/** The first failing constraint of a body, as one Chinese problem that names the field (nested: `figures.0.path`). */
export function validationProblem(errors: ValidationError[], prefix = ''): AppError {
  for (const error of errors) {
    const field = `${prefix}${error.property}`;
    const constraints = error.constraints ?? {};
    if (constraints.whitelistValidation) {
      return new AppError('InvalidInput', 'unknown-field', `不接受字段“${field}”`, { field, messageEn: `property ${field} is not allowed` });
    }
    const first = Object.values(constraints)[0];
    if (first) return new AppError('InvalidInput', 'invalid-field', first.includes(field) || /[\u4e00-\u9fff]/u.test(first) ? first : `${field}：${first}`, { field, messageEn: first });
    if (error.children?.length) return validationProblem(error.children, `${field}.`);
  }
  return new AppError('InvalidInput', 'invalid-body', '请求内容无效');
}
