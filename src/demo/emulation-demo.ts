import type { Body } from '../bodies/body.entity';
import type { Institution } from '../catalogue/institutions/institution.entity';
import type { AdministrativeUnit } from '../catalogue/units/unit.entity';
import type { RequestContext } from '../core/context';
import { ContributionKind, ContributorKind, ExternalContributorKind, NomineeKind, RecipientKind, RoundKind } from '../emulation/emulation.enums';
import { CommendationForm, CommendationRound } from '../emulation/forms/form.entity';
import type { Citizen } from '../people/citizens/citizen.entity';

/** What the emulation demo builds on: the citizens, bodies and institutions the other demo parts made. */
export interface EmulationDemoSources {
  citizens: Map<string, Citizen>;
  bodies: Map<string, Body>;
  institutions: Map<string, Institution>;
  unit: (code: string) => Promise<AdministrativeUnit>;
}

const LAST_YEAR = new Date().getUTCFullYear() - 1;

/**
 * Contributions (verified and awaiting verification), initiatives (one recognised by a council)
 * and the interim review's round in progress: one nomination submitted, one consolidated, one
 * draft. Runs inside the demo transaction, acting as the province admin (who acts for every body).
 */
export async function loadEmulationDemo(ctx: RequestContext, { citizens, bodies, institutions, unit }: EmulationDemoSources): Promise<void> {
  const { contributions, initiatives, nominations, workflow } = ctx.services.emulation;
  const body = (key: string) => bodies.get(key) as Body;
  const longAn = await unit('27694');

  const overseas = await contributions.recordExternalContributor(ctx, { name: 'Nguyễn Minh Quân', kind: ExternalContributorKind.OVERSEAS_VIETNAMESE, country: 'Úc' });
  const given = [
    { contributorKind: ContributorKind.CITIZEN, contributorId: (citizens.get('hoa') as Citizen).id, kind: ContributionKind.MONEY, valueVnd: 3_000_000, hours: null, contributedOn: `${LAST_YEAR}-08-20`, recipientKind: RecipientKind.UNIT, recipientId: longAn.id, description: 'Ủng hộ phần thưởng cho học sinh nghèo vượt khó của phường' },
    { contributorKind: ContributorKind.EXTERNAL, contributorId: overseas.id, kind: ContributionKind.VOLUNTEER_TEACHING_HOURS, valueVnd: null, hours: 40, contributedOn: `${LAST_YEAR}-07-15`, recipientKind: RecipientKind.FUND, recipientId: body('studyPromotion').id, description: 'Dạy tiếng Anh trực tuyến miễn phí cho học sinh trong hè' },
    { contributorKind: ContributorKind.EXTERNAL, contributorId: overseas.id, kind: ContributionKind.GOODS, valueVnd: 25_000_000, hours: null, contributedOn: `${LAST_YEAR}-09-01`, recipientKind: RecipientKind.INSTITUTION, recipientId: (institutions.get('library') as Institution).id, description: '500 đầu sách thiếu nhi cho Thư viện tỉnh' },
  ];
  for (const [index, fields] of given.entries()) {
    const contribution = await contributions.record(ctx, { ...fields, evidenceKeys: null });
    // The last one waits for the library's staff to verify it.
    if (index < given.length - 1) await contributions.verify(ctx, contribution.id);
  }

  const bookshelf = await initiatives.record(ctx, {
    title: 'Tủ sách cộng đồng ở mỗi khu phố',
    summary: 'Mỗi khu phố một tủ sách do người dân và doanh nghiệp đóng góp, mở cửa buổi tối và cuối tuần.',
    ownerBodyId: body('longAn').id,
    ownerOrganisationId: null,
    periodFrom: `${LAST_YEAR}-01-01`,
    periodTo: `${LAST_YEAR}-12-31`,
    evidenceKeys: null,
  });
  await initiatives.recognise(ctx, bookshelf.id, { decisionNumber: '12/QĐ-HĐTĐKT', decisionDate: `${LAST_YEAR}-12-31`, council: 'Hội đồng Thi đua - Khen thưởng Phường Long An' });
  await initiatives.record(ctx, {
    title: 'Lớp kỹ năng số buổi tối cho người lao động',
    summary: 'Lớp miễn phí tại Trung tâm học tập cộng đồng cho công nhân các khu công nghiệp.',
    ownerBodyId: body('khanhHau').id,
    ownerOrganisationId: null,
    periodFrom: `${LAST_YEAR}-03-01`,
    periodTo: `${LAST_YEAR}-11-30`,
    evidenceKeys: null,
  });

  const round = await ctx.em.findOneOrFail(CommendationRound, { kind: RoundKind.INTERIM_REVIEW });
  const chairman = await ctx.em.findOneOrFail(CommendationForm, { code: 'PROVINCE_CHAIRMAN_CERTIFICATE' });
  const nominate = (proposer: string, nomineeKind: NomineeKind, nomineeId: string, achievements: string) =>
    nominations.create(ctx, { roundId: round.id, formId: chairman.id, proposerId: body(proposer).id, nomineeKind, nomineeId, achievements, fileKeys: null });
  const hoa = await nominate('longAn', NomineeKind.CITIZEN, (citizens.get('hoa') as Citizen).id, 'Công dân học tập tiêu biểu; tích cực đóng góp cho quỹ khuyến học của phường.');
  await nominations.submit(ctx, hoa.id);
  const ward = await nominate('khanhHau', NomineeKind.UNIT, (await unit('27715')).id, 'Phường dẫn đầu về tỷ lệ gia đình học tập giai đoạn 2023–2025.');
  await nominations.submit(ctx, ward.id);
  await workflow.consolidate(ctx, [ward.id], []);
  await nominate('front', NomineeKind.BODY, body('studyPromotion').id, 'Vận động hơn 2 tỷ đồng cho quỹ khuyến học tỉnh.');
}
