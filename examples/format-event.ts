import type { MessageContent, RcsEvent } from 'rcs-webhooks';

/** One readable line per normalized event, for the demo's output. */
export function formatEvent(event: RcsEvent): string {
  const head = `[${event.provider}] ${event.kind.padEnd(19)}`;
  switch (event.kind) {
    case 'delivery': {
      const flags = [event.superseded ? 'superseded' : '', event.error ? `error ${event.error.code}` : '']
        .filter(Boolean)
        .join(', ');
      return `${head} message ${event.messageId} → ${event.status} (${event.providerStatus})${
        event.recipient ? ` to ${event.recipient}` : ''
      }${flags ? ` [${flags}]` : ''}`;
    }
    case 'inbound':
      return `${head} ${event.from} → ${event.to ?? '?'}: ${formatContent(event.content)}`;
    case 'conversationStarted':
      return `${head} ${event.type} conversation ${event.conversationId}${
        event.endsAt ? ` until ${event.endsAt.toISOString()}` : ''
      }${event.derived ? ' (derived)' : ''}`;
    case 'conversationUpdated':
    case 'conversationEnded':
      return `${head} conversation ${event.conversationId}${event.status ? ` (${event.status})` : ''}`;
    case 'typing':
      return `${head} ${event.from} ${event.active ? 'started' : 'stopped'} typing`;
    case 'capability':
      return `${head} ${event.phoneNumber}: RCS ${event.enabled ? 'enabled' : 'not available'} (${event.providerStatus})`;
    case 'subscription':
      return `${head} ${event.user} ${event.subscribed ? 'subscribed' : 'unsubscribed'}${
        event.keyword ? ` (${event.keyword})` : ''
      }`;
    case 'unsupported':
      return `${head} ${event.reason}`;
  }
}

function formatContent(content: MessageContent): string {
  switch (content.type) {
    case 'text':
      return JSON.stringify(content.text);
    case 'file':
      return `file ${content.name ?? content.url}${content.mimeType ? ` (${content.mimeType})` : ''}`;
    case 'location':
      return `location ${content.latitude},${content.longitude}${content.label ? ` ${content.label}` : ''}`;
    case 'suggestion':
      return `tapped suggestion ${JSON.stringify(content.text ?? content.postbackData ?? '')}`;
  }
}
