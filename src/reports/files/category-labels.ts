import { labelsOf } from '../../core/labels';
// The label tables are registered by the enums' modules: loaded here so a renderer run alone finds them.
import '../../catalogue/catalogue.enums';
import '../../people/people.enums';
import { FigureDimension } from '../reports.enums';

/** The label table of the enum whose values a dimension's categories are. */
const ENUM_OF_DIMENSION: Partial<Record<FigureDimension, string>> = {
  [FigureDimension.OCCUPATIONAL_GROUP]: 'OccupationalGroup',
  [FigureDimension.GENDER]: 'Gender',
  [FigureDimension.TOPIC]: 'Topic',
  [FigureDimension.INSTITUTION_KIND]: 'InstitutionKind',
};

const USAGE_KINDS: Record<string, string> = { DOWNLOAD: 'Lượt tải về', VIEW: 'Lượt xem' };

/** A category of a breakdown as an official reads it, in Vietnamese ("Nữ", "15–24 tuổi", "Có"). */
export function categoryLabel(dimension: FigureDimension, category: string): string {
  if (category === 'UNKNOWN') return 'Chưa rõ';
  switch (dimension) {
    case FigureDimension.AGE_BAND:
      return `${category.replace('-', '–')} tuổi`;
    case FigureDimension.ETHNIC_MINORITY:
    case FigureDimension.DISABILITY:
    case FigureDimension.DISADVANTAGED_AREA:
      return category === 'true' ? 'Có' : 'Không';
    case FigureDimension.USAGE_KIND:
      return USAGE_KINDS[category] ?? category;
    case FigureDimension.OCCUPATIONAL_GROUP:
    case FigureDimension.GENDER:
    case FigureDimension.TOPIC:
    case FigureDimension.INSTITUTION_KIND: {
      const table = labelsOf(ENUM_OF_DIMENSION[dimension] as string);
      return table?.find(([value]) => value === category)?.[1].vi ?? category;
    }
  }
}
