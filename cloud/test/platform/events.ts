/** The HTTP events each platform documents for one request, and the result the function returns. */
import { uniqueName } from '../helpers.js';

/** What every provider's HTTP integration expects back from the function. */
export interface HandlerResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}

export interface Call {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /** Bytes (a Buffer) only with `base64`. */
  body?: string | Buffer;
  base64?: boolean;
}

export type Shape = 'tencent-scf-apigw' | 'cloudbase-http' | 'aws-apigw-v1' | 'aws-apigw-v2';
export const SHAPES: Shape[] = ['tencent-scf-apigw', 'cloudbase-http', 'aws-apigw-v1', 'aws-apigw-v2'];

const multi = (record: Record<string, string>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k, [v]]));

/** Builds the event each platform documents for one HTTP request. */
export function eventFor(shape: Shape, call: Call): Record<string, unknown> {
  const query = call.query ?? {};
  const headers = { host: 'api.example.cn', 'user-agent': 'platform-test', ...call.headers };
  const body = call.body === undefined ? (shape === 'aws-apigw-v2' ? undefined : null) : call.base64 ? Buffer.from(call.body).toString('base64') : String(call.body);
  switch (shape) {
    case 'tencent-scf-apigw':
      // Tencent SCF API gateway trigger: the query arrives in `queryString`; `queryStringParameters`
      // and `headerParameters` hold only parameters mapped in the gateway's console (empty here).
      return {
        requestContext: { serviceId: 'service-f94sy04v', path: '/api', httpMethod: call.method, requestId: uniqueName('req'), identity: {}, sourceIp: '10.0.2.14', stage: 'release' },
        headers,
        body: body ?? '',
        pathParameters: {},
        queryStringParameters: {},
        headerParameters: {},
        stageVariables: { stage: 'release' },
        path: call.path,
        queryString: query,
        httpMethod: call.method,
        isBase64Encoded: call.base64 ?? false,
      };
    case 'cloudbase-http':
      // CloudBase HTTP access service (云接入).
      return {
        path: call.path,
        httpMethod: call.method,
        headers,
        multiValueHeaders: multi(headers),
        queryStringParameters: query,
        multiValueQueryStringParameters: multi(query),
        body: body ?? '',
        isBase64Encoded: call.base64 ?? false,
        requestContext: { appId: '1250000000', envId: 'memorial-map-1gx2', requestId: uniqueName('req'), uin: '100000000001' },
      };
    case 'aws-apigw-v1':
      return {
        resource: '/{proxy+}',
        path: call.path,
        httpMethod: call.method,
        headers,
        multiValueHeaders: multi(headers),
        queryStringParameters: Object.keys(query).length ? query : null,
        multiValueQueryStringParameters: Object.keys(query).length ? multi(query) : null,
        pathParameters: { proxy: call.path.slice(1) },
        stageVariables: null,
        requestContext: { resourcePath: '/{proxy+}', httpMethod: call.method, path: `/prod${call.path}`, stage: 'prod', requestId: uniqueName('req'), identity: { sourceIp: '203.0.113.7' } },
        body,
        isBase64Encoded: call.base64 ?? false,
      };
    case 'aws-apigw-v2':
      return {
        version: '2.0',
        routeKey: '$default',
        rawPath: call.path,
        rawQueryString: new URLSearchParams(query).toString(),
        headers,
        ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
        requestContext: {
          apiId: 'abc123',
          domainName: 'abc123.execute-api.ap-east-1.amazonaws.com',
          http: { method: call.method, path: call.path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.8', userAgent: 'platform-test' },
          requestId: uniqueName('req'),
          routeKey: '$default',
          stage: '$default',
          timeEpoch: Date.now(),
        },
        ...(body === undefined ? {} : { body }),
        isBase64Encoded: call.base64 ?? false,
      };
  }
}
