import { api } from '../../api/client';
import { useLoad } from '../../api/use-load';
import { Loading } from '../../components/page';
import { ProblemMessage } from '../../components/problem';
import { yuan } from '../../format';
import { t, type MessageKey } from '../../i18n';
import { loadProgrammes, mayApprove, me, payableClaimsOf } from './common';

interface Todo {
  key: MessageKey;
  count: number;
  more: boolean;
  fen?: number;
  href: string;
  link: MessageKey;
}

/** Everything that waits for this finance user now: each a count and a link, the checker's work first. */
async function load() {
  const sub = me();
  const [batches, confirmations, reversals, programmes] = await Promise.all([
    api.GET('/v1/payout-batches', { params: { query: { status: 'pending_approval', limit: 100 } } }),
    api.GET('/v1/bank-confirmations', { params: { query: { status: 'pending', limit: 100 } } }),
    api.GET('/v1/reversal-requests', { params: { query: { status: 'pending', limit: 100 } } }),
    loadProgrammes(),
  ]);
  const error = batches.error ?? confirmations.error ?? reversals.error ?? programmes.error;
  if (error !== undefined) return { error };
  const payable = await Promise.all((programmes.data?.items ?? []).map((p) => payableClaimsOf(p.id)));
  const failed = payable.find((r) => r.error !== undefined);
  if (failed) return { error: failed.error };
  const toApprove = (batches.data?.items ?? []).filter((b) => mayApprove(b, sub));
  const toConfirm = (confirmations.data?.items ?? []).filter((c) => c.recordedBy !== sub);
  const toReverse = (reversals.data?.items ?? []).filter((r) => r.requestedBy !== sub);
  const claims = payable.flatMap((r) => r.data ?? []);
  const todos: Todo[] = [
    {
      key: 'finance.todo.approve',
      count: toApprove.length,
      more: Boolean(batches.data?.nextCursor),
      fen: toApprove.reduce((s, b) => s + b.totalFen, 0),
      href: '/finance/batches?status=pending_approval',
      link: 'finance.todo.approveLink',
    },
    {
      key: 'finance.todo.confirmations',
      count: toConfirm.length,
      more: Boolean(confirmations.data?.nextCursor),
      fen: toConfirm.reduce((s, c) => s + c.paidFen, 0),
      href: '/finance/reviews',
      link: 'finance.todo.reviewLink',
    },
    {
      key: 'finance.todo.reversals',
      count: toReverse.length,
      more: Boolean(reversals.data?.nextCursor),
      fen: toReverse.reduce((s, r) => s + r.amountFen, 0),
      href: '/finance/reviews',
      link: 'finance.todo.reviewLink',
    },
    {
      key: 'finance.todo.payable',
      count: claims.length,
      more: false,
      fen: claims.reduce((s, c) => s + c.amountFen, 0),
      href: '/finance/batches/new',
      link: 'finance.todo.payableLink',
    },
  ];
  return { data: todos };
}

/** The finance user's home: batches to approve (never their own), what waits for a second person, claims to batch. */
export default function Dashboard() {
  const todos = useLoad(load);
  return (
    <>
      <p>{t('workspace.finance.intro')}</p>
      {todos.loading && <Loading />}
      <ProblemMessage problem={todos.problem} />
      <h2>{t('finance.todo.title')}</h2>
      <ul class="cards">
        {todos.data?.map((todo) => (
          <li class="card" key={todo.key}>
            <h3>{t(todo.key)}</h3>
            <p>
              <strong class="count">{todo.more ? t('finance.todo.countMore', { count: todo.count }) : t('finance.todo.count', { count: todo.count })}</strong>
              {todo.fen ? ` · ${yuan(todo.fen)}` : ''}
            </p>
            {todo.count > 0 ? (
              <p>
                <a href={todo.href}>{t(todo.link)}</a>
              </p>
            ) : (
              <p class="muted">{t('finance.todo.nothing')}</p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}
