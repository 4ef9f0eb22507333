import { escapeHtml } from '../core/html';
import type { Locale } from '../core/locale';
import { CredentialProblem } from './credential.enums';
import type { CredentialRecord } from './credential.service';
import type { Verification } from './verification.service';

/** What a person reads first: the credential stands, was revoked, or its signed content does not hold. */
export type VerificationVerdict = 'VALID' | 'REVOKED' | 'TAMPERED' | 'EXPIRED' | 'NOT_YET_VALID';

const TAMPERED: readonly CredentialProblem[] = [CredentialProblem.SIGNATURE_INVALID, CredentialProblem.MALFORMED, CredentialProblem.UNKNOWN_ISSUER_KEY];

/** The verdict of a stored credential: a broken signature first, then the platform's record of revocation, then the dates. */
export function verdictOf(verification: Verification, record: CredentialRecord): VerificationVerdict {
  if (verification.problems.some((problem) => TAMPERED.includes(problem))) return 'TAMPERED';
  if (record.revoked || verification.problems.includes(CredentialProblem.REVOKED)) return 'REVOKED';
  if (verification.problems.includes(CredentialProblem.EXPIRED)) return 'EXPIRED';
  if (verification.problems.includes(CredentialProblem.NOT_YET_VALID)) return 'NOT_YET_VALID';
  return 'VALID';
}

const TEXT = {
  vi: {
    title: 'Xác minh chứng nhận số',
    verdicts: {
      VALID: 'Hợp lệ: chứng nhận do cơ quan dưới đây cấp, chữ ký số đúng và chưa bị thu hồi.',
      REVOKED: 'Đã thu hồi: chứng nhận này không còn giá trị.',
      TAMPERED: 'Không hợp lệ: nội dung chứng nhận đã bị thay đổi hoặc chữ ký số không đúng.',
      EXPIRED: 'Hết hiệu lực: thời hạn của chứng nhận đã qua.',
      NOT_YET_VALID: 'Chưa có hiệu lực.',
    },
    issuer: 'Cơ quan cấp',
    holder: 'Cấp cho',
    achievement: { TITLE: 'Danh hiệu', COMMENDATION: 'Hình thức khen thưởng' },
    decision: 'Quyết định',
    decisionLine: (number: string, date: string) => `Số ${number} ngày ${date}`,
    validUntil: 'Có giá trị đến hết ngày',
    id: 'Mã chứng nhận',
    note: 'Thông tin trên theo hồ sơ của nền tảng; chứng nhận số (Open Badges 3.0) có thể được kiểm tra độc lập bằng DID của cơ quan cấp.',
  },
  en: {
    title: 'Verification of a digital credential',
    verdicts: {
      VALID: 'Valid: issued by the body below, its digital signature holds and it has not been revoked.',
      REVOKED: 'Revoked: this credential no longer stands.',
      TAMPERED: 'Not valid: the content of the credential was altered or its digital signature does not hold.',
      EXPIRED: 'Expired: its period of validity has passed.',
      NOT_YET_VALID: 'Not yet valid.',
    },
    issuer: 'Issued by',
    holder: 'Issued to',
    achievement: { TITLE: 'Title', COMMENDATION: 'Form of commendation' },
    decision: 'Decision',
    decisionLine: (number: string, date: string) => `No. ${number} of ${date}`,
    validUntil: 'Valid until the end of',
    id: 'Credential id',
    note: 'The details above are the platform’s record; the digital credential (Open Badges 3.0) can be checked independently with the issuer’s DID.',
  },
} as const;

/** DD/MM/YYYY, as Vietnamese documents write a date; YYYY-MM-DD stays in English. */
const shownDate = (day: string, locale: Locale) => (locale === 'vi' ? day.split('-').reverse().join('/') : day);

/** A small page a person opens from the certificate's QR code: the verdict, who issued what to whom and by which decision. No national ID. */
export function verificationPage(record: CredentialRecord, verdict: VerificationVerdict, locale: Locale): string {
  const text = TEXT[locale];
  const row = (label: string, value: string) => `<tr><th scope="row">${escapeHtml(label)}</th><td>${escapeHtml(value)}</td></tr>`;
  const rows = [
    row(text.issuer, record.issuerName),
    row(text.holder, record.holderName),
    row(text.achievement[record.kind], record.achievement[locale]),
    row(text.decision, text.decisionLine(record.decisionNumber, shownDate(record.decisionDate, locale))),
    ...(record.validUntil ? [row(text.validUntil, shownDate(record.validUntil, locale))] : []),
    row(text.id, record.credential.id),
  ];
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(text.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}.verdict{padding:1rem;border-radius:.5rem;font-weight:600}.VALID{background:#e6f4ea;color:#0d652d}.REVOKED,.TAMPERED,.EXPIRED,.NOT_YET_VALID{background:#fce8e6;color:#a50e0e}th{text-align:left;padding:.4rem 1rem .4rem 0;vertical-align:top}td{padding:.4rem 0}small{color:#555}</style>
</head>
<body>
<h1>${escapeHtml(text.title)}</h1>
<p class="verdict ${verdict}" data-verdict="${verdict}">${escapeHtml(text.verdicts[verdict])}</p>
<table>
${rows.join('\n')}
</table>
<p><small>${escapeHtml(text.note)}</small></p>
</body>
</html>
`;
}
