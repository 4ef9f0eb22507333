import { registerLabelledEnum } from '../graphql/labels';

/** What a media file is, decided from its first bytes (and its declared type when a container holds either). */
export enum MediaKind {
  IMAGE = 'IMAGE',
  VIDEO = 'VIDEO',
  AUDIO = 'AUDIO',
  DOCUMENT = 'DOCUMENT',
}

/** State of an asset or of one of its processing steps; PostgreSQL holds it, BullMQ only carries the work. */
export enum MediaStatus {
  PENDING = 'PENDING',
  PROCESSING = 'PROCESSING',
  READY = 'READY',
  FAILED = 'FAILED',
}

/** One unit of work on an asset: one job, one deterministic job id per dispatch. */
export enum MediaStepName {
  IMAGE_RENDITIONS = 'IMAGE_RENDITIONS',
  DOCUMENT_PREVIEW = 'DOCUMENT_PREVIEW',
  DOCUMENT_TEXT = 'DOCUMENT_TEXT',
  VIDEO_PROBE = 'VIDEO_PROBE',
  VIDEO_360P = 'VIDEO_360P',
  VIDEO_720P = 'VIDEO_720P',
  AUDIO_TRACK = 'AUDIO_TRACK',
  AUDIO_PROBE = 'AUDIO_PROBE',
}

export enum RenditionKind {
  THUMBNAIL = 'THUMBNAIL',
  POSTER = 'POSTER',
  VIDEO = 'VIDEO',
  AUDIO = 'AUDIO',
}

export enum RenditionFormat {
  WEBP = 'WEBP',
  JPEG = 'JPEG',
  MP4 = 'MP4',
  M4A = 'M4A',
}

export enum UploadStatus {
  PENDING = 'PENDING',
  COMPLETED = 'COMPLETED',
}

registerLabelledEnum(MediaKind, 'MediaKind', 'What kind of file a media asset is.', {
  [MediaKind.IMAGE]: { vi: 'Hình ảnh', en: 'Image' },
  [MediaKind.VIDEO]: { vi: 'Video', en: 'Video' },
  [MediaKind.AUDIO]: { vi: 'Âm thanh', en: 'Audio' },
  [MediaKind.DOCUMENT]: { vi: 'Tài liệu', en: 'Document', description: 'Document (PDF)' },
});

registerLabelledEnum(MediaStatus, 'MediaStatus', 'Where a media asset, or one step of its processing, stands.', {
  [MediaStatus.PENDING]: { vi: 'Đang chờ xử lý', en: 'Waiting' },
  [MediaStatus.PROCESSING]: { vi: 'Đang xử lý', en: 'Processing' },
  [MediaStatus.READY]: { vi: 'Sẵn sàng', en: 'Ready' },
  [MediaStatus.FAILED]: { vi: 'Xử lý thất bại', en: 'Failed', description: 'Failed; the step says why, and `retryProcessing` runs it again' },
});

registerLabelledEnum(MediaStepName, 'MediaStepName', 'A step of the processing of a media asset.', {
  [MediaStepName.IMAGE_RENDITIONS]: { vi: 'Tạo ảnh thu nhỏ', en: 'Image thumbnails', description: 'WebP thumbnails 160, 480 and 1280 px wide, dimensions and placeholder' },
  [MediaStepName.DOCUMENT_PREVIEW]: { vi: 'Xem trước tài liệu', en: 'Document preview', description: 'Page count and a thumbnail of the first page' },
  [MediaStepName.DOCUMENT_TEXT]: { vi: 'Trích xuất văn bản', en: 'Text extraction', description: 'The text of the document, for search' },
  [MediaStepName.VIDEO_PROBE]: { vi: 'Đọc thông tin video', en: 'Video details', description: 'Duration, dimensions, codecs and a poster frame' },
  [MediaStepName.VIDEO_360P]: { vi: 'Video 360p', en: 'Video 360p', description: 'H.264/AAC MP4 at 360p ("data saver")' },
  [MediaStepName.VIDEO_720P]: { vi: 'Video 720p', en: 'Video 720p', description: 'H.264/AAC MP4 at 720p, when the source is at least that' },
  [MediaStepName.AUDIO_TRACK]: { vi: 'Bản âm thanh', en: 'Audio rendition', description: 'AAC audio, for low bandwidth and for listening' },
  [MediaStepName.AUDIO_PROBE]: { vi: 'Đọc thông tin âm thanh', en: 'Audio details', description: 'Duration, codec and waveform peaks' },
});

registerLabelledEnum(RenditionKind, 'RenditionKind', 'What a rendition of a media asset is for.', {
  [RenditionKind.THUMBNAIL]: { vi: 'Ảnh thu nhỏ', en: 'Thumbnail' },
  [RenditionKind.POSTER]: { vi: 'Ảnh đại diện video', en: 'Poster frame' },
  [RenditionKind.VIDEO]: { vi: 'Video', en: 'Video' },
  [RenditionKind.AUDIO]: { vi: 'Âm thanh', en: 'Audio' },
});

registerLabelledEnum(RenditionFormat, 'RenditionFormat', 'File format of a rendition.', {
  [RenditionFormat.WEBP]: { vi: 'WebP', en: 'WebP' },
  [RenditionFormat.JPEG]: { vi: 'JPEG', en: 'JPEG' },
  [RenditionFormat.MP4]: { vi: 'MP4 (H.264/AAC)', en: 'MP4 (H.264/AAC)' },
  [RenditionFormat.M4A]: { vi: 'M4A (AAC)', en: 'M4A (AAC)' },
});
