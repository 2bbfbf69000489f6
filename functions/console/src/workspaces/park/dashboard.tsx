import { t } from '../../i18n';

/** The park_manager's home: what waits for them now. */
export default function Dashboard() {
  return <p>{t('workspace.park.intro')}</p>;
}
