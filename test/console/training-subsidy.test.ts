import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { call, uniqueSub, type As } from '../support/api';
import { finance, programmeInput, registeredApplicant } from '../support/subsidies';
import { certifiedTrainee } from '../support/training';
import { onPage, signIn, startConsole, text, watch, withScreenshotOnFailure, type Console } from './browser';

const t = text('zh');
let app: Console;
beforeAll(async () => {
  app = await startConsole();
});
afterAll(() => app?.close());

describe('a training institution’s subsidy in the officer’s workspace', () => {
  it('is entered by an officer for a trainee’s certificate, paid to the institution’s account', async () => {
    const label = uniqueSub('ts');
    const trainee = await registeredApplicant();
    const { certificateNumber } = await certifiedTrainee(trainee, {
      type: 'syb',
      endsOn: '2026-11-10',
      certifiedOn: '2026-11-12',
      institutionName: '天府职业培训学校',
    });
    const programme = (
      await call('POST', '/v1/programmes', {
        as: finance,
        body: programmeInput({
          kind: 'training_subsidy',
          policy: `training_console_${Date.now()}`,
          name: `创业培训补贴（机构）${label}`,
          amountRule: { type: 'fixed', amountFen: 100_000 },
          trainingSubsidy: { claimant: 'institution', claimWithinMonthsOfCertificate: 60, courseTypes: ['syb'] },
        }),
      })
    ).body;

    const officer: As = { role: 'officer', sub: uniqueSub('console-officer') };
    const page = await app.newPage({ viewport: { width: 1280, height: 800 } });
    watch(page, app.base);
    await withScreenshotOnFailure(page, 'officer-training-subsidy', async () => {
      await signIn(page, app.base, officer);
      await page.goto(`${app.base}/officer/claims`);
      await onPage(page, t('officer.claims.title'), 'claims with the institution form');
      await page.getByLabel(t('officer.claims.institutionProgramme')).selectOption({ label: programme.name });
      await page.getByLabel(t('officer.claims.traineeId')).fill(trainee.applicantId);
      await page.getByLabel(t('officer.claims.certificate')).fill(certificateNumber);
      const form = page.getByRole('region', { name: t('officer.claims.institutionTitle') });
      await form.getByLabel(t('claims.bankName')).fill('中国建设银行成都分行');
      await form.getByLabel(t('claims.accountName')).fill('天府职业培训学校');
      await form.getByLabel(t('claims.accountNumber')).fill('51050188360000000077');
      await page.getByRole('button', { name: t('officer.claims.institutionSubmit') }).click();
      await page.getByText(t('officer.claims.institutionDone')).waitFor();
    });
    const claims = (await call('GET', `/v1/claims?programmeId=${programme.id}`, { as: finance })).body.items;
    expect(claims).toEqual([expect.objectContaining({ applicantId: trainee.applicantId, facts: expect.objectContaining({ paidTo: 'institution' }) })]);
  }, 120_000);
});
