import { registerLabelledEnum } from '../graphql/labels';

export enum ResourceKind {
  VIDEO = 'VIDEO',
  AUDIO = 'AUDIO',
  DOCUMENT = 'DOCUMENT',
  IMAGE = 'IMAGE',
  EBOOK = 'EBOOK',
  LINK = 'LINK',
}

export enum ResourceStatus {
  DRAFT = 'DRAFT',
  PROCESSING = 'PROCESSING',
  PUBLISHED = 'PUBLISHED',
  FAILED = 'FAILED',
  WITHDRAWN = 'WITHDRAWN',
}

export enum Licence {
  CC_BY = 'CC_BY',
  CC_BY_SA = 'CC_BY_SA',
  CC_BY_NC = 'CC_BY_NC',
  CC_BY_NC_SA = 'CC_BY_NC_SA',
  CC_BY_ND = 'CC_BY_ND',
  CC_BY_NC_ND = 'CC_BY_NC_ND',
  CC0 = 'CC0',
  ALL_RIGHTS_RESERVED = 'ALL_RIGHTS_RESERVED',
}

export enum ResourceUsageKind {
  VIEW = 'VIEW',
  DOWNLOAD = 'DOWNLOAD',
}

registerLabelledEnum(ResourceKind, 'ResourceKind', 'What kind of learning resource it is.', {
  [ResourceKind.VIDEO]: { vi: 'Video', en: 'Video' },
  [ResourceKind.AUDIO]: { vi: 'Âm thanh', en: 'Audio' },
  [ResourceKind.DOCUMENT]: { vi: 'Tài liệu', en: 'Document' },
  [ResourceKind.IMAGE]: { vi: 'Hình ảnh', en: 'Image' },
  [ResourceKind.EBOOK]: { vi: 'Sách điện tử', en: 'E-book', description: 'E-book (PDF)' },
  [ResourceKind.LINK]: { vi: 'Liên kết', en: 'Link', description: 'A link to a resource on another site' },
});

registerLabelledEnum(ResourceStatus, 'ResourceStatus', 'Where a learning resource is in its life.', {
  [ResourceStatus.DRAFT]: { vi: 'Bản nháp', en: 'Draft', description: 'Draft, seen only by the institution and administrators' },
  [ResourceStatus.PROCESSING]: { vi: 'Đang xử lý', en: 'Processing', description: 'Published as soon as its media is ready' },
  [ResourceStatus.PUBLISHED]: { vi: 'Đã công bố', en: 'Published' },
  [ResourceStatus.FAILED]: { vi: 'Xử lý thất bại', en: 'Failed', description: 'Its media could not be processed; see the media asset\'s steps' },
  [ResourceStatus.WITHDRAWN]: { vi: 'Đã gỡ', en: 'Withdrawn' },
});

registerLabelledEnum(Licence, 'Licence', 'Under which terms a resource may be used.', {
  [Licence.CC_BY]: { vi: 'CC BY (Ghi công)', en: 'CC BY (Attribution)' },
  [Licence.CC_BY_SA]: { vi: 'CC BY-SA (Ghi công, chia sẻ tương tự)', en: 'CC BY-SA (Attribution-ShareAlike)' },
  [Licence.CC_BY_NC]: { vi: 'CC BY-NC (Ghi công, phi thương mại)', en: 'CC BY-NC (Attribution-NonCommercial)' },
  [Licence.CC_BY_NC_SA]: { vi: 'CC BY-NC-SA (Ghi công, phi thương mại, chia sẻ tương tự)', en: 'CC BY-NC-SA (Attribution-NonCommercial-ShareAlike)' },
  [Licence.CC_BY_ND]: { vi: 'CC BY-ND (Ghi công, không phái sinh)', en: 'CC BY-ND (Attribution-NoDerivatives)' },
  [Licence.CC_BY_NC_ND]: { vi: 'CC BY-NC-ND (Ghi công, phi thương mại, không phái sinh)', en: 'CC BY-NC-ND (Attribution-NonCommercial-NoDerivatives)' },
  [Licence.CC0]: { vi: 'CC0 (Phạm vi công cộng)', en: 'CC0 (Public domain)' },
  [Licence.ALL_RIGHTS_RESERVED]: { vi: 'Bảo lưu mọi quyền', en: 'All rights reserved' },
});
