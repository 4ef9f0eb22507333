/** The demo's sign-ins, shared by the loaders of each part of the demo and the tools that print them. */
export const DEMO_PASSWORD = 'hoctapsuotdoi';

export const DEMO_ACCOUNTS = {
  admin: 'admin@demo.hoctap.vn',
  assessor: 'canbo.longan@demo.hoctap.vn',
  staff: 'thuvien@demo.hoctap.vn',
  citizen: '0912345678',
  educationDepartment: 'giaoduc@demo.hoctap.vn',
  homeAffairsDepartment: 'noivu@demo.hoctap.vn',
  communeKhanhHau: 'ubnd.khanhhau@demo.hoctap.vn',
  communeBenLuc: 'ubnd.benluc@demo.hoctap.vn',
} as const;
