import type { EntityManager } from '@mikro-orm/postgresql';
import { contributorKindOfNominee } from './nominee';
import type { NomineeKind } from '../emulation.enums';
import type { ProgressStatus } from '../../titles/engine/engine.enums';
import type { TitleKind } from '../../titles/titles.enums';

/** A title recognised for the nominee (src/titles recognition). */
export interface DossierTitle {
  titleKind: TitleKind;
  year: number;
  decisionNumber: string;
  decisionDate: string;
  issuer: string;
}

/** An earlier commendation decided for the nominee. */
export interface DossierCommendation {
  form: string;
  decisionNumber: string;
  decisionDate: string;
}

/** Where the nominee stands in the titles engine (its latest progress rows). */
export interface DossierStanding {
  titleKind: TitleKind;
  year: number;
  status: ProgressStatus;
  total: number;
}

/** A collective's emulation checklist of a year (COLLECTIVE_EMULATION progress of the titles engine). */
export interface DossierEmulationResult {
  year: number;
  status: ProgressStatus;
  levelReached: number;
  /** Codes of the checklist's items not met (missing entries included). */
  unmet: string[];
}

/** What the platform knows of a nominee, assembled when the nomination is submitted. */
export interface Dossier {
  assembledAt: string;
  titles: DossierTitle[];
  commendations: DossierCommendation[];
  /** Verified contributions of the nominee as contributor. */
  contributions: { count: number; valueVnd: number; hours: number };
  /** Initiatives owned by the nominee (a body or an organisation), and how many were recognised. */
  initiatives: { count: number; recognised: number; titles: string[] };
  standings: DossierStanding[];
  /** The collective's emulation results, latest year first; absent from dossiers assembled before they were kept. */
  emulation?: DossierEmulationResult[];
}

/** Reads the dossier of one nominee from the platform's records, in the current transaction. */
export async function assembleDossier(em: EntityManager, kind: NomineeKind, nomineeId: string): Promise<Dossier> {
  const titles = await em.execute<{ title_kind: TitleKind; year: number; decision_number: string; decision_date: string; issuer: string }[]>(
    `select title_kind, year, decision_number, to_char(decision_date, 'YYYY-MM-DD') as decision_date, issuer
       from title_award where subject_id = ? and status = 'AWARDED' order by year, title_kind`,
    [nomineeId],
  );
  const commendations = await em.execute<{ form: string; decision_number: string; decision_date: string }[]>(
    `select f.name_vi as form, n.decision_number, to_char(n.decision_date, 'YYYY-MM-DD') as decision_date
       from nomination n join commendation_form f on f.id = n.form_id
      where n.nominee_id = ? and n.status = 'DECIDED' order by n.decision_date`,
    [nomineeId],
  );
  const contributorKind = contributorKindOfNominee(kind);
  const [contributions] = contributorKind
    ? await em.execute<{ count: string; value_vnd: string; hours: string }[]>(
        `select count(*) as count, coalesce(sum(value_vnd), 0) as value_vnd, coalesce(sum(hours), 0) as hours
           from contribution where contributor_kind = ? and contributor_id = ? and status = 'VERIFIED'`,
        [contributorKind, nomineeId],
      )
    : [];
  const initiatives = await em.execute<{ title: string; recognised: boolean }[]>(
    `select title, decision_number is not null as recognised from initiative
      where owner_body_id = ? or owner_organisation_id = ? order by period_to, title`,
    [nomineeId, nomineeId],
  );
  const standings = await em.execute<{ title_kind: TitleKind; year: number; status: ProgressStatus; total: string }[]>(
    `select title_kind, year, status, total from title_progress
      where subject_id = ? and year = (select max(year) from title_progress where subject_id = ?) order by title_kind`,
    [nomineeId, nomineeId],
  );
  // A collective's checklists (units and organisations; other nominees have none), each year the engine evaluated.
  const emulation = await em.execute<{ year: number; status: ProgressStatus; level_reached: number | null; unmet: string[] }[]>(
    `select year, status, level_reached,
            array(select e->>'code' from jsonb_array_elements(indicators) e where e->>'source' <> 'NOT_APPLICABLE' and coalesce((e->>'score')::numeric, 0) < 1) as unmet
       from title_progress where subject_id = ? and title_kind = 'COLLECTIVE_EMULATION' order by year desc`,
    [nomineeId],
  );
  return {
    assembledAt: new Date().toISOString(),
    titles: titles.map((row) => ({ titleKind: row.title_kind, year: row.year, decisionNumber: row.decision_number, decisionDate: row.decision_date, issuer: row.issuer })),
    commendations: commendations.map((row) => ({ form: row.form, decisionNumber: row.decision_number, decisionDate: row.decision_date })),
    contributions: { count: Number(contributions?.count ?? 0), valueVnd: Number(contributions?.value_vnd ?? 0), hours: Number(contributions?.hours ?? 0) },
    initiatives: { count: initiatives.length, recognised: initiatives.filter((row) => row.recognised).length, titles: initiatives.map((row) => row.title) },
    standings: standings.map((row) => ({ titleKind: row.title_kind, year: row.year, status: row.status, total: Number(row.total) })),
    emulation: emulation.map((row) => ({ year: row.year, status: row.status, levelReached: row.level_reached ?? 0, unmet: row.unmet })),
  };
}
