import QRCode from 'qrcode';

/**
 * The link a martyr's QR code carries: the H5 page of the martyr. In WeChat the same code opens the
 * mini-program's page when the deployment registers this URL prefix under "扫普通链接二维码打开小程序"
 * (the page then receives the link in `q`); a mini-program code made by WeChat passes the id as `scene`.
 * The martyr page accepts all three: `id`, `scene` and `q`.
 */
export function martyrPageUrl(publicBaseUrl: string, martyrId: string): string {
  return `${publicBaseUrl.replace(/\/$/, '')}/#/pages/martyr/index?id=${encodeURIComponent(martyrId)}`;
}

/** A PNG QR code of `url`, `size` pixels wide, with a quiet zone and medium error correction (printable on stone). */
export function qrPng(url: string, size: number): Promise<Buffer> {
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: size });
}
