import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from '../auth/account.entity';
import { Audience, Topic } from '../catalogue/catalogue.enums';
import { Institution } from '../catalogue/institutions/institution.entity';
import type { Logger } from '../infra/logger';
import type { Storage } from '../infra/storage';
import { LearningResource } from '../resources/resource.entity';
import { Licence, ResourceKind } from '../resources/resource.enums';
import type { Services } from '../app/services';
import { systemContext } from '../app/system-context';
import { DEMO_ACCOUNTS } from './demo-accounts';
import { makeAudio, makeJpeg, makePdf, makeVideo } from './sample-media';

interface DemoFile {
  filename: string;
  contentType: string;
  make(): Promise<Buffer>;
}

interface DemoResource {
  title: string;
  kind: ResourceKind;
  topics: Topic[];
  audiences: Audience[];
  description: string;
  file: DemoFile | null;
  linkUrl?: string;
}

/** The demo's study log points at this resource. */
export const STUDIED_DEMO_RESOURCE = 'Phim tài liệu: Văn hóa Óc Eo';

// One resource of every kind, with files the project makes itself (so their licence is ours: CC BY).
const RESOURCES: DemoResource[] = [
  {
    title: STUDIED_DEMO_RESOURCE,
    kind: ResourceKind.VIDEO,
    topics: [Topic.CULTURE_HISTORY],
    audiences: [Audience.EVERYONE],
    description: 'Đoạn phim ngắn giới thiệu di chỉ Óc Eo và hiện vật trưng bày tại Bảo tàng tỉnh.',
    file: { filename: 'van-hoa-oc-eo.mp4', contentType: 'video/mp4', make: () => makeVideo(6, 640, 360) },
  },
  {
    title: 'Sách nói: Gương người tốt việc tốt',
    kind: ResourceKind.AUDIO,
    topics: [Topic.LIFE_SKILLS],
    audiences: [Audience.OLDER_PEOPLE, Audience.FAMILIES],
    description: 'Sách nói cho người cao tuổi và người khiếm thị, đọc mỗi tối thứ Sáu trên loa truyền thanh phường.',
    file: { filename: 'guong-nguoi-tot.m4a', contentType: 'audio/mp4', make: () => makeAudio(12) },
  },
  {
    title: 'Luật Đất đai 2024: những điểm mới người dân cần biết',
    kind: ResourceKind.DOCUMENT,
    topics: [Topic.LAW],
    audiences: [Audience.ADULTS, Audience.FARMERS],
    description: 'Tài liệu phổ biến pháp luật dùng tại các buổi nói chuyện chuyên đề của trung tâm học tập cộng đồng.',
    file: { filename: 'luat-dat-dai-2024.pdf', contentType: 'application/pdf', make: async () => makePdf('Luat Dat dai 2024 - nhung diem moi nguoi dan can biet', 3) },
  },
  {
    title: 'Sổ tay kỹ năng số cho người cao tuổi',
    kind: ResourceKind.EBOOK,
    topics: [Topic.DIGITAL_SKILLS],
    audiences: [Audience.OLDER_PEOPLE],
    description: 'Dùng điện thoại thông minh, Zalo, VNeID và nhận biết lừa đảo qua mạng, từng bước có hình minh họa.',
    file: { filename: 'so-tay-ky-nang-so.pdf', contentType: 'application/pdf', make: async () => makePdf('So tay ky nang so cho nguoi cao tuoi', 6) },
  },
  {
    title: 'Ảnh tư liệu: Nhà trưng bày Đồng Tháp Mười',
    kind: ResourceKind.IMAGE,
    topics: [Topic.CULTURE_HISTORY],
    audiences: [Audience.EVERYONE],
    description: 'Ảnh tư liệu của Bảo tàng tỉnh về nghề truyền thống vùng Đồng Tháp Mười.',
    file: { filename: 'dong-thap-muoi.jpg', contentType: 'image/jpeg', make: () => makeJpeg(1200, 800) },
  },
  {
    title: 'Cổng Dịch vụ công quốc gia: hướng dẫn nộp hồ sơ trực tuyến',
    kind: ResourceKind.LINK,
    topics: [Topic.DIGITAL_SKILLS, Topic.POLITICS_CIVICS],
    audiences: [Audience.ADULTS],
    description: 'Trang hướng dẫn chính thức; thư viện dùng trong lớp Kỹ năng số.',
    file: null,
    linkUrl: 'https://dichvucong.gov.vn',
  },
];

/**
 * Published resources of every kind from the provincial library, uploaded the way staff upload:
 * an upload ticket, the bytes into object storage, completion (which queues the workers' steps).
 * Resources with a file stay PROCESSING until the workers finish them, then are published.
 * Skips when the library already has resources.
 */
export async function loadResourcesDemo(em: EntityManager, services: Services, storage: Storage, log: Logger): Promise<void> {
  await em.fork().transactional(async (tx) => {
    const library = await tx.findOne(Institution, { name: 'Thư viện tỉnh Long An' });
    const staffAccount = await tx.findOne(Account, { email: DEMO_ACCOUNTS.staff });
    if (!library || !staffAccount || (await tx.count(LearningResource, { institution: library })) > 0) return;
    const staff = systemContext(tx, services, log, await services.auth.loadActor(tx, staffAccount.id));
    for (const { file, ...demo } of RESOURCES) {
      let assetId: string | null = null;
      if (file) {
        const bytes = await file.make();
        const { upload } = await services.uploads.create(staff, { institutionId: library.id, filename: file.filename, contentType: file.contentType, sizeBytes: bytes.length });
        await storage.put(upload.key, bytes, file.contentType);
        assetId = (await services.uploads.complete(staff, upload.id)).id;
      }
      const resource = await services.resources.create(staff, library.id, { ...demo, language: 'vi', licence: Licence.CC_BY, assetId });
      await services.resources.publish(staff, resource.id);
    }
    log.info({ resources: RESOURCES.length }, 'loaded the demo learning resources (media published when the workers finish)');
  });
}
