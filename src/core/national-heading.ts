/**
 * The national title and motto (quốc hiệu, tiêu ngữ) that head every administrative document
 * (Decree 30/2020/NĐ-CP, Appendix I) and the certificates the platform prints.
 */
export const NATIONAL_TITLE = 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM';
export const NATIONAL_MOTTO = 'Độc lập - Tự do - Hạnh phúc';
