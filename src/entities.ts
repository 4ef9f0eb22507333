import { Account, RefreshToken, RoleGrant } from './auth/account.entity';
import { ApiClient } from './auth/api-client.entity';
import { AdministrativeUnit } from './catalogue/unit.entity';
import { Institution } from './catalogue/institution.entity';
import { Programme } from './catalogue/programme.entity';
import { ProgrammeSession } from './catalogue/session.entity';
import { BaseEntity } from './infra/base.entity';
import { MediaAsset, MediaRendition, MediaStep, MediaText } from './media/media-asset.entity';
import { OutboxJob } from './media/outbox.entity';
import { Upload } from './media/upload.entity';
import { LearningResource, ResourceUsage } from './resources/resource.entity';

/** Every entity the ORM knows; listed here so discovery never depends on file globs. */
export const ENTITIES = [BaseEntity, Account, RoleGrant, RefreshToken, ApiClient, AdministrativeUnit, Institution, Programme, ProgrammeSession, MediaAsset, MediaStep, MediaRendition, MediaText, Upload, OutboxJob, LearningResource, ResourceUsage];
