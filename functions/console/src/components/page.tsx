import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';

/** False until the first page has shown: on arrival the browser's own focus is left alone. */
let navigated = false;

/** A page: sets document.title and, after a navigation, moves focus to its heading so screen readers hear the new page. */
export function Page({ title, children }: { title: string; children: ComponentChildren }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · ${t('app.name')}`;
    if (navigated) heading.current?.focus();
    navigated = true;
  }, [title]);
  return (
    <>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </>
  );
}

export function Loading() {
  return (
    <p class="muted" role="status">
      {t('common.loading')}
    </p>
  );
}
