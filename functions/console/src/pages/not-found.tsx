import { Page } from '../components/page';
import { t } from '../i18n';

export default function NotFound() {
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.body')}</p>
      <p>
        <a href="/">{t('nav.home')}</a>
      </p>
    </Page>
  );
}
