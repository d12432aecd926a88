import { statusCodeOf, type ErrorResponseBody } from '@portico/model';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';

/**
 * The one place errors become HTTP responses. Typed errors keep their status; Fastify's own
 * client errors (bad JSON, body too large, schema validation) keep theirs with our error names;
 * anything else is a 500 whose details stay in the log, not in the response.
 */
export function handleError(error: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  const { statusCode, name, message, details } = describeError(error);
  if (statusCode >= 500) {
    request.log.error({ err: error }, 'request failed');
  } else {
    request.log.info({ statusCode, errorName: name }, message);
  }
  void reply.status(statusCode).send(errorBody(request, statusCode, name, message, details));
}

export function errorBody(
  request: FastifyRequest,
  statusCode: number,
  name: string,
  message: string,
  details?: unknown,
): ErrorResponseBody {
  return {
    error: details === undefined ? { name, message } : { name, message, details },
    request: { method: request.method, url: request.url },
    response: { statusCode },
  };
}

interface DescribedError {
  statusCode: number;
  name: string;
  message: string;
  details?: unknown;
}

function describeError(error: FastifyError): DescribedError {
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map((issue) => ({
      path: `${error.validationContext ?? 'body'}${issue.instancePath.replace(/\//g, '.')}`,
      message: issue.message,
    }));
    const message = problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ');
    return { statusCode: 400, name: 'InputError', message: `Invalid request, ${message}`, details: problems };
  }
  const typedStatus = statusCodeOf(error);
  if (typedStatus !== 500) {
    return { statusCode: typedStatus, name: error.name, message: error.message, details: detailsOf(error) };
  }
  // Fastify's own errors carry a 4xx statusCode and an FST_ code.
  const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status >= 400 && status < 500) {
    return { statusCode: status, name: fastifyErrorName(error, status), message: error.message };
  }
  return { statusCode: 500, name: 'InternalServerError', message: 'Internal server error; see the server log for this request id' };
}

function fastifyErrorName(error: FastifyError, status: number): string {
  if (status === 413) return 'PayloadTooLargeError';
  if (status === 415) return 'UnsupportedMediaTypeError';
  if (status === 400) return 'InputError';
  return error.name === 'FastifyError' ? 'Error' : error.name;
}

function detailsOf(error: FastifyError): unknown {
  const details = (error as { details?: unknown }).details;
  return details;
}
