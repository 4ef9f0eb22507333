import { registerLabelledEnum } from '../../graphql/labels';

/** Whom a national target counts: the title's own subjects, or a population the title's holders are counted in. */
export enum TargetPopulation {
  SUBJECTS = 'SUBJECTS',
  ADULT_MEMBERS = 'ADULT_MEMBERS',
  LEARNING_UNIT_STAFF = 'LEARNING_UNIT_STAFF',
}

registerLabelledEnum(TargetPopulation, 'TitleTargetPopulation', 'Whom a national target counts.', {
  [TargetPopulation.SUBJECTS]: {
    vi: 'Đối tượng của danh hiệu',
    en: 'Subjects of the title',
    description: 'The subjects of the title in the area (households, clans, hamlets, learning units, citizens aged 15 or more); what standings compare with',
  },
  [TargetPopulation.ADULT_MEMBERS]: {
    vi: 'Người lớn trong gia đình, dòng họ, cộng đồng',
    en: 'Adults in families, clans and communities',
    description: 'Adults of families, clans and communities who are Learning Citizens (387/QĐ-TTg)',
  },
  [TargetPopulation.LEARNING_UNIT_STAFF]: {
    vi: 'Cán bộ trong đơn vị học tập',
    en: 'Staff of learning units',
    description: 'Staff of learning units who are Learning Citizens (387/QĐ-TTg)',
  },
});
