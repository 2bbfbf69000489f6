import { t } from '../../i18n';

/** The officer's home: what waits for them now. */
export default function Dashboard() {
  return <p>{t('workspace.officer.intro')}</p>;
}
