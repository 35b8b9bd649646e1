/**
 * The martyr id a martyr page was opened with: `id` (in-app links, H5 links and printed QR codes),
 * `scene` (a WeChat mini-program code made with the id as scene), or `q` (a scanned ordinary QR link
 * that WeChat hands to the page, URL-encoded, when "扫普通链接二维码打开小程序" is configured).
 */
export function martyrIdFromParams(params: Record<string, string | undefined>): string | undefined {
  const valid = (v: string | undefined) => (v && /^[0-9a-f]{24}$/i.test(v) ? v : undefined);
  if (valid(params.id)) return params.id;
  if (valid(params.scene)) return params.scene;
  if (params.q) {
    let link = params.q;
    try {
      link = decodeURIComponent(link);
    } catch {
      // already decoded
    }
    const match = /[?&]id=([0-9a-f]{24})(?:&|$)/i.exec(link);
    if (match) return match[1];
  }
  return undefined;
}
