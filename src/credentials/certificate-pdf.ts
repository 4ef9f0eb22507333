import QRCode from 'qrcode';
import { NATIONAL_MOTTO, NATIONAL_TITLE } from '../core/national-heading';
import { vietnameseDate } from '../core/time';
import { DEJAVU_SERIF } from '../infra/fonts';
import { openPdf } from '../infra/pdf-writer';

const RED = '#a4161a';
const INK = '#1d1d1f';

export interface CertificateText {
  issuerName: string;
  /** What it certifies in Vietnamese, e.g. "Công dân học tập năm 2025", "Giấy khen". */
  achievement: string;
  /** A title is recognised ("đạt danh hiệu"), a commendation given ("được tặng"). */
  kind: 'TITLE' | 'COMMENDATION';
  holderName: string;
  decisionNumber: string;
  /** YYYY-MM-DD. */
  decisionDate: string;
  /** YYYY-MM-DD; null when it does not expire. */
  validUntil: string | null;
  credentialId: string;
  /** The verification page, which the QR code opens. */
  verificationUrl: string;
}

/** A one-page A4 landscape certificate: the body, the title or commendation, the holder, the decision, and a QR code that opens verification. */
export async function renderCertificate(text: CertificateText): Promise<Buffer> {
  const qr = await QRCode.toBuffer(text.verificationUrl, { errorCorrectionLevel: 'M', margin: 1, width: 240 });
  const { pdf: doc, finish } = openPdf({ size: 'A4', layout: 'landscape', margin: 0, info: { Title: `Giấy chứng nhận ${text.achievement}`, Author: text.issuerName } }, DEJAVU_SERIF);
  const width = doc.page.width;
  const height = doc.page.height;
  doc.lineWidth(3).strokeColor(RED).rect(24, 24, width - 48, height - 48).stroke();
  doc.lineWidth(1).rect(32, 32, width - 64, height - 64).stroke();

  const centred = (font: string, size: number, line: string, y: number, color = INK, left = 60, span = width - 120) =>
    doc.font(font).fontSize(size).fillColor(color).text(line, left, y, { width: span, align: 'center' });
  // The two heads of a Vietnamese official document: the body on the left, the national motto on the right.
  const half = (width - 120) / 2;
  centred('bold', 11, text.issuerName.toUpperCase(), 56, INK, 60, half);
  centred('bold', 11, NATIONAL_TITLE, 56, INK, 60 + half, half);
  centred('bold', 11, NATIONAL_MOTTO, 72, INK, 60 + half, half);
  doc.lineWidth(0.8).strokeColor(INK).moveTo(60 + half + half / 2 - 75, 92).lineTo(60 + half + half / 2 + 75, 92).stroke();

  centred('bold', 34, 'GIẤY CHỨNG NHẬN', 130, RED);
  centred('regular', 14, `${text.issuerName} chứng nhận`, 186);
  centred('bold', 26, text.holderName, 214);
  centred('regular', 14, text.kind === 'TITLE' ? 'đạt danh hiệu' : 'được tặng', 258);
  centred('bold', 24, text.achievement.toUpperCase(), 282, RED);
  centred('italic', 12, `Theo Quyết định số ${text.decisionNumber} ${vietnameseDate(text.decisionDate)} của ${text.issuerName}.`, 332);
  if (text.validUntil) centred('italic', 12, `Giấy chứng nhận có giá trị đến hết ${vietnameseDate(text.validUntil)}.`, 352);

  const qrSize = 110;
  const qrX = width - 60 - qrSize;
  const qrY = height - 60 - qrSize - 24;
  doc.image(qr, qrX, qrY, { width: qrSize, height: qrSize });
  doc.font('regular').fontSize(8).fillColor(INK).text('Quét mã để xác minh', qrX - 20, qrY + qrSize + 4, { width: qrSize + 40, align: 'center' });
  doc.font('regular').fontSize(8).fillColor('#555555');
  doc.text('Chứng nhận số (Open Badges 3.0), ký điện tử bởi cơ quan công nhận.', 60, height - 112, { width: qrX - 90 });
  doc.text(`Mã chứng nhận: ${text.credentialId}`, 60, height - 98, { width: qrX - 90 });
  doc.text(`Xác minh: ${text.verificationUrl}`, 60, height - 84, { width: qrX - 90 });
  return finish();
}
