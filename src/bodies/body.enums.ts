import { registerLabelledEnum } from '../graphql/labels';

/** What kind of body reports on the movement or proposes commendations. */
export enum BodyKind {
  PEOPLES_COMMITTEE = 'PEOPLES_COMMITTEE',
  DEPARTMENT = 'DEPARTMENT',
  FATHERLAND_FRONT = 'FATHERLAND_FRONT',
  SOCIO_POLITICAL_ORGANISATION = 'SOCIO_POLITICAL_ORGANISATION',
  ASSOCIATION = 'ASSOCIATION',
  OTHER = 'OTHER',
}

registerLabelledEnum(BodyKind, 'BodyKind', 'What kind of body it is.', {
  [BodyKind.PEOPLES_COMMITTEE]: { vi: 'Ủy ban nhân dân', en: "People's Committee", description: "The People's Committee of an administrative unit" },
  [BodyKind.DEPARTMENT]: { vi: 'Sở, ban, ngành', en: 'Department', description: 'A department or agency of the province' },
  [BodyKind.FATHERLAND_FRONT]: { vi: 'Mặt trận Tổ quốc', en: 'Fatherland Front', description: 'The Vietnam Fatherland Front committee of a level' },
  [BodyKind.SOCIO_POLITICAL_ORGANISATION]: { vi: 'Tổ chức chính trị - xã hội', en: 'Socio-political organisation', description: "The Women's Union, Youth Union, Farmers' Association, Veterans' Association, trade unions" },
  [BodyKind.ASSOCIATION]: { vi: 'Hội', en: 'Association', description: 'An association such as the Study Promotion Association' },
  [BodyKind.OTHER]: { vi: 'Cơ quan, tổ chức khác', en: 'Other body' },
});
