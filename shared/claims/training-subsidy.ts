import { AppError, NotFoundError, UnprocessableError, ValidationError } from '../errors';
import { addMonths } from '../startups';
import { certificatesOf, findInstitution, getClass, type Certificate, type Institution } from '../training';
import type { TrainingSubsidySettings } from '../programmes';

/** What a training-subsidy claim is judged on: the certificate it pays for and the institution that trained. */
export interface TrainingClaimFacts {
  certificateNumber: string;
  courseType: string;
  certifiedOn: string;
  claimDeadline: string;
  institutionId: string;
  institutionName: string;
}

/**
 * The certificate a training-subsidy claim names, checked against the policy: held by the trainee,
 * of a course type the programme pays for, and claimed (on `claimDay`, Beijing time) no later than
 * `claimWithinMonthsOfCertificate` months after its date. Verification runs it again with the day
 * the claim was submitted.
 */
export async function checkTrainingCertificate(
  settings: TrainingSubsidySettings,
  applicantId: string,
  certificateNumber: string | undefined,
  claimDay: string,
): Promise<{ certificate: Certificate; institution: Institution; facts: TrainingClaimFacts }> {
  if (!certificateNumber) {
    throw new ValidationError('Name the training certificate the claim is for.', [
      { field: 'body.certificateNumber', message: 'required by training subsidies' },
    ]);
  }
  const certificate = (await certificatesOf(applicantId)).find((c) => c.certificateNumber.toUpperCase() === certificateNumber.toUpperCase());
  if (!certificate) {
    throw new UnprocessableError(`The trainee holds no training certificate numbered ${certificateNumber}.`, 'CERTIFICATE_NOT_HELD', { certificateNumber });
  }
  if (!settings.courseTypes.includes(certificate.courseType)) {
    throw new UnprocessableError(
      `The programme pays for ${settings.courseTypes.join(', ')} courses; certificate ${certificate.certificateNumber} is for ${certificate.courseType}.`,
      'COURSE_TYPE_NOT_COVERED',
      { courseType: certificate.courseType, courseTypes: settings.courseTypes },
    );
  }
  const claimDeadline = addMonths(certificate.certifiedOn, settings.claimWithinMonthsOfCertificate);
  if (claimDay > claimDeadline) {
    throw new UnprocessableError(
      `A training subsidy is claimed within ${settings.claimWithinMonthsOfCertificate} months of the certificate (dated ${certificate.certifiedOn}): the last day was ${claimDeadline}.`,
      'TRAINING_CLAIM_DEADLINE_PASSED',
      { certifiedOn: certificate.certifiedOn, claimDeadline },
    );
  }
  const institution = await findInstitution((await getClass(certificate.classId)).institutionId);
  if (!institution) throw new NotFoundError('training institution');
  return {
    certificate,
    institution,
    facts: {
      certificateNumber: certificate.certificateNumber,
      courseType: certificate.courseType,
      certifiedOn: certificate.certifiedOn,
      claimDeadline,
      institutionId: institution.id,
      institutionName: institution.name,
    },
  };
}

/** The certificate checked again at verification, as the claim's words of what no longer holds. */
export async function recheckTrainingCertificate(
  settings: TrainingSubsidySettings,
  applicantId: string,
  before: Partial<TrainingClaimFacts>,
  submittedDay: string,
): Promise<string[]> {
  try {
    const { facts } = await checkTrainingCertificate(settings, applicantId, before.certificateNumber, submittedDay);
    return facts.courseType === before.courseType && facts.certifiedOn === before.certifiedOn && facts.institutionId === before.institutionId
      ? []
      : [`certificate ${facts.certificateNumber}: now ${facts.courseType} of ${facts.certifiedOn} from ${facts.institutionName}`];
  } catch (error) {
    if (error instanceof AppError) return [`${error.code}: ${error.message}`];
    throw error;
  }
}
