import type { ValidationError } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
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

/** The largest JSON body accepted (a filing's figures fit in far less; uploads are multipart, limited apart). */
export const JSON_LIMIT = '2mb';

/** Express error middleware after the JSON parser: its refusals as AppErrors, answered by the Problem Details filter. */
export function bodyParserProblems(error: { type?: string; status?: number } | undefined, _req: Request, _res: Response, next: NextFunction): void {
  if (!error) return next();
  if (error.type === 'entity.too.large') return next(new AppError('PayloadTooLarge', 'request-too-large', `请求内容超过 ${JSON_LIMIT.toUpperCase()} 上限`, { field: 'body' }));
  if (error.type === 'entity.parse.failed') return next(new AppError('InvalidInput', 'invalid-json', '请求内容不是有效的 JSON', { field: 'body' }));
  if (error.type === 'encoding.unsupported' || error.type === 'charset.unsupported') return next(new AppError('UnsupportedMediaType', 'unsupported-encoding', '请求内容的编码不受支持，请使用 UTF-8', { field: 'body' }));
  return next(error);
}
