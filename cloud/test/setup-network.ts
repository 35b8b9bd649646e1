// Outbound network is blocked in tests: only loopback is reachable, so WeChat and AMap must be fakes.
const realFetch = globalThis.fetch;

function isLoopback(input: Parameters<typeof fetch>[0]): boolean {
  const url = new URL(typeof input === 'string' || input instanceof URL ? input.toString() : input.url);
  return ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}

globalThis.fetch = ((input: Parameters<typeof fetch>[0], init?: RequestInit) => {
  if (!isLoopback(input)) return Promise.reject(new TypeError(`blocked outbound request in tests: ${String(input)}`));
  return realFetch(input, init);
}) as typeof fetch;
