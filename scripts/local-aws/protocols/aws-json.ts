/**
 * awsJson1.1 (SSM): `POST /` with `X-Amz-Target: AmazonSSM.PutParameter` and a JSON body; errors
 * are `{"__type": "ParameterNotFound", "message": ...}`. SSM is `@awsQueryCompatible`, so AWS also
 * sends `x-amzn-query-error: Code;Sender`, which the SDK reads for the error code.
 */
import { ApiError, type Input, type Protocol } from '../types.js';

export const awsJson: Protocol = {
  decode(req, svc) {
    const target = req.headers['x-amz-target'];
    const [prefix, operation] = typeof target === 'string' ? target.split('.') : [];
    if (!operation || prefix !== svc.targetPrefix || !(operation in svc.operations)) {
      throw new ApiError('UnknownOperationException', `Unknown operation ${String(target)}`);
    }
    let input: Input = {};
    try {
      input = req.body.trim() ? (JSON.parse(req.body) as Input) : {};
    } catch {
      throw new ApiError('SerializationException', 'The request body is not valid JSON.');
    }
    return { operation, input };
  },
  encodeResult(_op, output, _svc, requestId) {
    return {
      status: 200,
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
      body: JSON.stringify(output ?? {}),
    };
  },
  encodeError(err, _svc, requestId) {
    return {
      status: err.status,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-requestid': requestId,
        'x-amzn-query-error': `${err.code};${err.fault}`,
      },
      body: JSON.stringify({ __type: err.code, message: err.message }),
    };
  },
};
