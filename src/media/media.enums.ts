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

/** Why a step failed, for people: the tool's own words (with server paths) stay in the log and for province administrators. */
export enum MediaFailureReason {
  VIDEO_UNREADABLE = 'VIDEO_UNREADABLE',
  AUDIO_UNREADABLE = 'AUDIO_UNREADABLE',
  NO_VIDEO_STREAM = 'NO_VIDEO_STREAM',
  NO_AUDIO_STREAM = 'NO_AUDIO_STREAM',
  IMAGE_UNREADABLE = 'IMAGE_UNREADABLE',
  TOO_MANY_PIXELS = 'TOO_MANY_PIXELS',
  DOCUMENT_UNREADABLE = 'DOCUMENT_UNREADABLE',
  DOCUMENT_ENCRYPTED = 'DOCUMENT_ENCRYPTED',
  TOO_MANY_PAGES = 'TOO_MANY_PAGES',
  TIMED_OUT = 'TIMED_OUT',
  STORAGE_FAILED = 'STORAGE_FAILED',
  UNKNOWN = 'UNKNOWN',
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

registerLabelledEnum(MediaFailureReason, 'MediaFailureReason', 'Why a step of the processing of a media asset failed, in words people can be shown.', {
  [MediaFailureReason.VIDEO_UNREADABLE]: { vi: 'Không đọc được tệp video', en: 'The video file cannot be read', description: 'The video tools could not read the file (corrupt or unsupported)' },
  [MediaFailureReason.AUDIO_UNREADABLE]: { vi: 'Không đọc được tệp âm thanh', en: 'The audio file cannot be read', description: 'The audio tools could not read the file (corrupt or unsupported)' },
  [MediaFailureReason.NO_VIDEO_STREAM]: { vi: 'Tệp không có hình video', en: 'The file has no video', description: 'A video file with no video stream (e.g. sound only)' },
  [MediaFailureReason.NO_AUDIO_STREAM]: { vi: 'Tệp không có âm thanh', en: 'The file has no sound', description: 'An audio file with no audio stream' },
  [MediaFailureReason.IMAGE_UNREADABLE]: { vi: 'Không đọc được hình ảnh', en: 'The image cannot be read', description: 'A corrupt or truncated image (or poster frame, or first page)' },
  [MediaFailureReason.TOO_MANY_PIXELS]: { vi: 'Hình ảnh quá lớn (quá nhiều điểm ảnh)', en: 'The image has too many pixels', description: 'An image larger than MEDIA_MAX_IMAGE_PIXELS allows' },
  [MediaFailureReason.DOCUMENT_UNREADABLE]: { vi: 'Không đọc được tài liệu', en: 'The document cannot be read', description: 'A corrupt or empty PDF' },
  [MediaFailureReason.DOCUMENT_ENCRYPTED]: {
    vi: 'Tài liệu được bảo vệ bằng mật khẩu',
    en: 'The document is protected by a password',
    description: 'A PDF that opens only with a password: upload it without the password',
  },
  [MediaFailureReason.TOO_MANY_PAGES]: { vi: 'Tài liệu có quá nhiều trang', en: 'The document has too many pages', description: 'A PDF of more pages than MEDIA_MAX_DOCUMENT_PAGES allows' },
  [MediaFailureReason.TIMED_OUT]: { vi: 'Xử lý quá thời gian cho phép', en: 'Processing took too long', description: 'The step ran out of time on every attempt' },
  [MediaFailureReason.STORAGE_FAILED]: { vi: 'Lỗi kho lưu trữ tệp', en: 'File storage failed', description: 'Object storage could not be read or written on every attempt' },
  [MediaFailureReason.UNKNOWN]: { vi: 'Lỗi không xác định', en: 'Unknown error', description: 'Any other failure; province administrators see the details' },
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
