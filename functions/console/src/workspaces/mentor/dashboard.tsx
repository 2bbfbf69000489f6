import { t } from '../../i18n';

/** The mentor's home: what waits for them now. */
export default function Dashboard() {
  return <p>{t('workspace.mentor.intro')}</p>;
}
