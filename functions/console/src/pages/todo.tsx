import { api } from '../api/client';
import { useLoad } from '../api/use-load';
import { beijingToday, month } from '../format';
import { t } from '../i18n';

interface Todo {
  text: string;
  href: string;
}

/** What the founder should do next: register, apply, the month's job report, sessions, claims to correct. */
export function Todo() {
  const todos = useLoad(async () => {
    const items: Todo[] = [];
    const me = await api.GET('/v1/applicants/me');
    if (me.error) return { data: [{ text: t('todo.profile'), href: '/profile' }] };
    const applications = await api.GET('/v1/applications', { params: { query: { mine: 'true', limit: 10 } } });
    const active = applications.data?.items.find((a) => a.status !== 'withdrawn' && a.status !== 'rejected');
    if (!active || active.status === 'draft') items.push({ text: t('todo.application'), href: '/application' });
    const startups = await api.GET('/v1/startups', { params: { query: { mine: 'true', limit: 1 } } });
    const startup = startups.data?.items[0];
    if (startup?.status === 'incubating') {
      const current = beijingToday().slice(0, 7);
      const reports = await api.GET('/v1/startups/{id}/job-reports', { params: { path: { id: startup.id }, query: { limit: 100 } } });
      if (!reports.data?.items.some((r) => r.month === current)) items.push({ text: t('todo.jobReport', { month: month(current) }), href: '/startup' });
      const sessions = await api.GET('/v1/startups/{id}/sessions', { params: { path: { id: startup.id }, query: { limit: 50 } } });
      const open = sessions.data?.items.filter((s) => !s.confirmation).length ?? 0;
      if (open > 0) items.push({ text: t('todo.sessions', { n: open }), href: '/startup' });
    }
    const claims = await api.GET('/v1/claims', { params: { query: { mine: 'true', limit: 50 } } });
    for (const claim of claims.data?.items ?? []) {
      if (claim.status === 'payment_failed' || claim.status === 'rejected')
        items.push({ text: t('todo.claim', { name: claim.programmeName }), href: '/claims' });
    }
    return { data: items };
  });
  return (
    <section class="notice" aria-labelledby="todo-heading">
      <h2 id="todo-heading">{t('todo.title')}</h2>
      {todos.data && todos.data.length === 0 && <p>{t('todo.none')}</p>}
      <ul>
        {todos.data?.map((todo) => (
          <li key={todo.text}>
            <a href={todo.href}>{todo.text}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
