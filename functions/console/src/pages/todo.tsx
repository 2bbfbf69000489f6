import { api } from '../api/client';
import { useLoad } from '../api/use-load';
import { ProblemMessage } from '../components/problem';
import { month } from '../format';
import { t } from '../i18n';

interface Todo {
  text: string;
  href: string;
}

/** What the founder should do next: register, apply, the month's job report, sessions, claims to correct. */
export function Todo() {
  // One request: the API gathers the founder's records (profile, application, startup, reports, sessions, claims).
  const todos = useLoad(async () => {
    const res = await api.GET('/v1/applicants/me/todo');
    if (!res.data) return { error: res.error };
    const todo = res.data;
    if (!todo.profile) return { data: [{ text: t('todo.profile'), href: '/profile' }] };
    const items: Todo[] = [];
    if (!todo.application || todo.application.status === 'draft') items.push({ text: t('todo.application'), href: '/application' });
    if (todo.jobReportDue) items.push({ text: t('todo.jobReport', { month: month(todo.jobReportDue) }), href: '/startup' });
    if (todo.sessionsToConfirm > 0) items.push({ text: t('todo.sessions', { n: todo.sessionsToConfirm }), href: '/startup' });
    for (const claim of todo.claimsToCorrect) items.push({ text: t('todo.claim', { name: claim.programmeName }), href: '/claims' });
    return { data: items };
  });
  return (
    <section class="notice" aria-labelledby="todo-heading">
      <h2 id="todo-heading">{t('todo.title')}</h2>
      <ProblemMessage problem={todos.problem} />
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
