import { t } from '../../i18n';

/** The auditor's home: what waits for them now. */
export default function Dashboard() {
  return <p>{t('workspace.audit.intro')}</p>;
}
