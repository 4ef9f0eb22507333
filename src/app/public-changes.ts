import type { EntityManager, EventSubscriber, FlushEventArgs } from '@mikro-orm/core';
import { Body } from '../bodies/body.entity';
import { Institution } from '../catalogue/institutions/institution.entity';
import { Programme } from '../catalogue/programmes/programme.entity';
import { ProgrammeSession } from '../catalogue/programmes/session.entity';
import { AdministrativeUnit } from '../catalogue/units/unit.entity';
import { assetChannel } from '../media/processing.service';
import { MediaAsset, MediaRendition } from '../media/media-asset.entity';
import { LearningResource } from '../resources/resource.entity';
import { seatsChannel } from '../catalogue/programmes/session.service';
import { afterCommit } from '../infra/after-commit';
import type { EventBus, EventRecorder } from '../infra/events';
import type { Logger } from '../infra/logger';

const CHANNEL = 'public-changes';

/** What signed-out readers see: the catalogue, the shared resources and their media. */
const PUBLIC_ENTITIES = new Set<string>([Institution, Programme, ProgrammeSession, AdministrativeUnit, Body, LearningResource, MediaAsset, MediaRendition].map((entity) => entity.name));

/** Channels raised for writes done in SQL (media processing, seats), which no flush of entities shows. */
const PUBLIC_CHANNEL_PREFIXES = [assetChannel(''), seatsChannel('')];

/** Waits this long before listening again when Redis refused the subscription. */
const RETRY_MS = 5_000;

/**
 * A generation number of the public data, for caches of signed-out answers (src/http/response-cache.ts): an answer
 * made at one generation is not served at another. It moves once a commit changed public data, at once in the process
 * that wrote and through the event bus in every other API process. While this process does not follow the bus
 * (before Redis confirmed the subscription) `following` is false and no cache may serve.
 */
export class PublicChanges {
  private current = 0;
  private listening = false;

  constructor(
    private readonly eventsOf: () => EventBus,
    private readonly log: Logger,
  ) {}

  get generation(): number {
    return this.current;
  }

  get following(): boolean {
    return this.listening;
  }

  /** Moves the generation once what `em` wrote is committed; never for a rollback. */
  changedAfterCommit(em: EntityManager): Promise<void> {
    return afterCommit(em, async () => {
      this.current += 1;
      await this.eventsOf().publish(CHANNEL);
    });
  }

  /** Follows the other processes' changes until the event bus closes; in the background, retrying while Redis refuses. */
  follow(): void {
    void this.eventsOf().listen(CHANNEL).then(
      async (stream) => {
        this.listening = true;
        // Missed changes (an outage of the subscription) cannot be told apart from none: start a new generation.
        this.current += 1;
        for await (const _event of stream) this.current += 1;
        this.listening = false;
      },
      (error: unknown) => {
        this.log.warn({ err: error }, 'public changes are not followed yet: the response cache stays off');
        setTimeout(() => this.follow(), RETRY_MS).unref();
      },
    );
  }

  /** Told of every flush: moves the generation after the commit of one that changed a public entity. */
  subscriber(): EventSubscriber {
    return {
      afterFlush: async ({ em, uow }: FlushEventArgs) => {
        if (uow.getChangeSets().some((change) => PUBLIC_ENTITIES.has(change.name))) await this.changedAfterCommit(em);
      },
    };
  }

  /** Told of every event published after a commit: moves the generation for those of public data. */
  recorder(): EventRecorder {
    return async (em, channel) => {
      if (PUBLIC_CHANNEL_PREFIXES.some((prefix) => channel.startsWith(prefix))) await this.changedAfterCommit(em);
    };
  }
}
