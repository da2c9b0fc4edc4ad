import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { roleAllows } from '../../../shared/domain/roles.js';
import {
  SUGGESTION_TEXT_MAX,
  SUGGESTION_TOPICS,
  type SuggestionList,
} from '../../../shared/ipc/suggestion-schemas.js';
import type { StaffView } from '../../../shared/ipc/schemas.js';
import { useWrite } from '../forms/use-write.js';
import { TextAreaField } from '../complaints/TextAreaField.js';
import { localRefusal, problemMessage, say, refusalMessage } from '../forms/refusal.js';
import { RefusalNotice } from '../forms/RefusalNotice.js';
import { SelectField } from '../forms/SelectField.js';
import { formatDateTime } from '../records/display.js';
import { api, callOrThrow } from '../snowdesk.js';
import '../team/desk-ops.css';

type Topic = (typeof SUGGESTION_TOPICS)[number];

/**
 * Staff suggestions (R17 提出建议权、获得支持权): staff send a short suggestion and see whether it was
 * read; the manager reads them all and marks them read.
 */
export function SuggestionsPanel({ staff }: { staff: StaffView }) {
  const { t } = useTranslation();
  const titleId = useId();
  const sends = roleAllows(staff.role, 'suggestion.send', staff.certified);
  const reads = roleAllows(staff.role, 'suggestion.read', staff.certified);
  return (
    <section className="panel panel-wide" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('deskOps.suggestions.title')}</h2>
      {sends && <SendSuggestion />}
      {reads && <SuggestionInbox />}
    </section>
  );
}

function SendSuggestion() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [topic, setTopic] = useState<Topic>('entry_process');
  const [text, setText] = useState('');
  const [sent, setSent] = useState(false);
  const { busy, refusal, setRefusal, write } = useWrite();
  const mine = useQuery({
    queryKey: ['suggestions.mine'],
    queryFn: () => callOrThrow('suggestions.mine', {}),
  });

  async function onSubmit(event: SubmitEvent) {
    event.preventDefault();
    setSent(false);
    if (text.trim() === '') {
      setRefusal(localRefusal({ text: problemMessage('desk.required') }));
      return;
    }
    const result = await write(
      'suggestions.send',
      { topic, text },
      {
        shown: {
          topic: 'topic',
          text: 'text',
        },
      },
    );
    if (result) {
      setText('');
      setSent(true);
      await client.invalidateQueries({ queryKey: ['suggestions.mine'] });
    }
  }

  return (
    <>
      <p>{t('deskOps.suggestions.intro')}</p>
      <form noValidate aria-busy={busy} onSubmit={(event) => void onSubmit(event)}>
        {sent && (
          <p role="status" className="notice notice-ok">
            {t('deskOps.suggestions.sent')}
          </p>
        )}
        <SelectField
          label={t('deskOps.suggestions.topic')}
          value={topic}
          onChange={setTopic}
          options={SUGGESTION_TOPICS.map((value) => ({
            value,
            label: t(`deskOps.suggestions.topics.${value}`),
          }))}
          problem={refusal?.fields.topic}
        />
        <TextAreaField
          label={t('deskOps.suggestions.text')}
          value={text}
          onChange={setText}
          maxLength={SUGGESTION_TEXT_MAX}
          problem={refusal?.fields.text}
        />
        <RefusalNotice refusal={refusal} />
        <div className="actions">
          <button type="submit" className="primary" aria-disabled={busy}>
            {t('deskOps.suggestions.send')}
          </button>
        </div>
      </form>
      {mine.data && mine.data.items.length > 0 && (
        <SuggestionTable caption={t('deskOps.suggestions.mine')} list={mine.data} />
      )}
    </>
  );
}

function SuggestionInbox() {
  const { t } = useTranslation();
  const client = useQueryClient();
  // every look is audited by the core: asked when shown and after marking, never on a timer
  const inbox = useQuery({
    queryKey: ['suggestions.list'],
    queryFn: () => callOrThrow('suggestions.list', {}),
    staleTime: Infinity,
  });
  const [problem, setProblem] = useState<string | null>(null);

  async function markRead(id: string) {
    setProblem(null);
    const result = await api().call('suggestions.markRead', { suggestionId: id });
    if (!result.ok) {
      setProblem(say(t, refusalMessage(result.error)));
      return;
    }
    client.setQueryData<SuggestionList>(['suggestions.list'], (old) =>
      old
        ? {
            items: old.items.map((item) => (item.id === id ? result.value : item)),
            unread: old.items.filter((item) => item.id !== id && item.readAt === null).length,
          }
        : old,
    );
  }

  return (
    <>
      {problem && (
        <p role="alert" className="notice notice-problem">
          {problem}
        </p>
      )}
      {inbox.isPending && <p className="muted">{t('deskOps.loading')}</p>}
      {inbox.data && (
        <SuggestionTable
          caption={`${t('deskOps.suggestions.inbox')}（${t('deskOps.suggestions.unreadCount', { count: inbox.data.unread })}）`}
          list={inbox.data}
          showSender
          onMarkRead={(id) => void markRead(id)}
        />
      )}
    </>
  );
}

function SuggestionTable({
  caption,
  list,
  showSender = false,
  onMarkRead,
}: {
  caption: string;
  list: SuggestionList;
  showSender?: boolean;
  onMarkRead?: (id: string) => void;
}) {
  const { t } = useTranslation();
  const columns = 4 + (showSender ? 1 : 0) + (onMarkRead ? 1 : 0);
  return (
    <div className="table-scroll">
      <table className="queue-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('deskOps.suggestions.sentAt')}</th>
            {showSender && <th scope="col">{t('deskOps.suggestions.from')}</th>}
            <th scope="col">{t('deskOps.suggestions.topic')}</th>
            <th scope="col">{t('deskOps.suggestions.text')}</th>
            <th scope="col">{t('deskOps.suggestions.status')}</th>
            {onMarkRead && <th scope="col">{t('deskOps.complaints.action')}</th>}
          </tr>
        </thead>
        <tbody>
          {list.items.length === 0 ? (
            <tr>
              <td colSpan={columns} className="muted">
                {t('deskOps.none')}
              </td>
            </tr>
          ) : (
            list.items.map((item) => (
              <tr key={item.id}>
                <th scope="row">{formatDateTime(item.sentAt)}</th>
                {showSender && <td>{item.sentBy.name}</td>}
                <td>{t(`deskOps.suggestions.topics.${item.topic}`)}</td>
                <td className="complaint-text">{item.text}</td>
                <td>
                  {item.readAt === null
                    ? t('deskOps.suggestions.unread')
                    : t('deskOps.suggestions.read', {
                        name: item.readBy?.name ?? '',
                        time: formatDateTime(item.readAt),
                      })}
                </td>
                {onMarkRead && (
                  <td>
                    {item.readAt === null && (
                      <button
                        type="button"
                        aria-label={t('deskOps.suggestions.markRead', {
                          name: item.sentBy.name,
                          time: formatDateTime(item.sentAt),
                        })}
                        onClick={() => {
                          onMarkRead(item.id);
                        }}
                      >
                        {t('deskOps.suggestions.markReadShort')}
                      </button>
                    )}
                  </td>
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
