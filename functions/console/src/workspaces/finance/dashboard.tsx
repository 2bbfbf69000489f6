import { t } from '../../i18n';

/** The finance's home: what waits for them now. */
export default function Dashboard() {
  return <p>{t('workspace.finance.intro')}</p>;
}
