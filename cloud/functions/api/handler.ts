import serverless from 'serverless-http';
import type { RequestListener } from 'node:http';

type Event = Record<string, unknown> & {
  queryString?: Record<string, string>;
  queryStringParameters?: Record<string, string> | null;
  headerParameters?: Record<string, string>;
  headers?: Record<string, string>;
  requestContext?: Record<string, unknown> & { sourceIp?: string; identity?: { sourceIp?: string } };
};

/**
 * Makes the event shapes of the Chinese clouds look like the API-gateway shape serverless-http reads.
 * Tencent SCF API gateway puts the query in `queryString` (serverless-http reads
 * `queryStringParameters`); CloudBase HTTP access and AWS API Gateway v1/v2 pass through unchanged.
 */
export function normalizeEvent(event: Event): Event {
  const out: Event = { ...event };
  if (out.queryString && (!out.queryStringParameters || Object.keys(out.queryStringParameters).length === 0)) {
    out.queryStringParameters = out.queryString;
  }
  if (!out.headers && out.headerParameters) out.headers = out.headerParameters;
  if (out.requestContext?.sourceIp && !out.requestContext.identity?.sourceIp) {
    out.requestContext = { ...out.requestContext, identity: { ...out.requestContext.identity, sourceIp: out.requestContext.sourceIp } };
  }
  return out;
}

/** Wraps the app for a cloud function; images and other binaries come back base64-encoded. */
export function createHandler(app: RequestListener) {
  const handler = serverless(app, {
    binary: ['image/*', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
  });
  return (event: Event, context: object = {}) => handler(normalizeEvent(event), context);
}
