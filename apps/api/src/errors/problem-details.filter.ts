import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { isAppError } from '@app/shared';

/** RFC 9457 Problem Details, plus our stable `code` and the `field` the problem is about. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  field?: string;
  [extension: string]: unknown;
}

const TITLES: Record<number, string> = {
  400: '请求无效',
  401: '未登录',
  403: '无权访问',
  404: '未找到',
  409: '冲突',
  412: '版本不符',
  413: '请求过大',
  415: '不支持的内容类型',
  429: '请求过于频繁',
  500: '服务器内部错误',
  503: '服务暂不可用',
};

/** The one place errors become HTTP responses. Unknown errors are 500 with no internals. */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('ProblemDetails');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception, request.originalUrl ?? request.url);
    if (problem.status >= 500) this.logger.error(exception instanceof Error ? exception.stack ?? exception.message : String(exception));
    response.status(problem.status).type('application/problem+json').send(JSON.stringify(problem));
  }

  toProblem(exception: unknown, instance?: string): ProblemDetails {
    if (isAppError(exception)) {
      return {
        type: `https://perfledger.dev/problems/${exception.code}`,
        title: TITLES[exception.httpStatus] ?? exception.kind,
        status: exception.httpStatus,
        detail: exception.message,
        code: exception.code,
        instance,
        ...(exception.field ? { field: exception.field } : {}),
        ...(exception.details ? { details: exception.details } : {}),
      };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : (body as { message?: unknown }).message;
      return {
        type: 'about:blank',
        title: TITLES[status] ?? HttpStatus[status] ?? 'Error',
        status,
        detail: Array.isArray(message) ? message.join('; ') : String(message ?? exception.message),
        code: `http.${status}`,
        instance,
      };
    }
    // Malformed JSON bodies reach us as a SyntaxError with a status from body-parser.
    const parseError = exception as { type?: string; status?: number };
    if (parseError?.type === 'entity.parse.failed' && parseError.status === 400) {
      return { type: 'about:blank', title: TITLES[400], status: 400, detail: '请求体不是有效的 JSON', code: 'http.invalid-json', instance };
    }
    return { type: 'about:blank', title: TITLES[500], status: 500, detail: '服务器内部错误，请联系管理员', code: 'internal', instance };
  }
}
