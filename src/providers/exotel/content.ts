import { PayloadParseError } from '../../errors/index.js';
import type { MessageContent } from '../../events/types.js';
import { compact } from '../../util/object.js';
import { isRecord, validate } from '../normalize-helpers.js';
import { fileSchema, locationSchema, suggestionSchema, textContentSchema } from './schemas.js';

type Content = Record<string, unknown>;

/** `key` or its capitalized form: the seed's table writes `Suggested`/`Response`/`Reply`/`Action`, its examples lower case. */
function field(record: unknown, key: string): unknown {
  if (!isRecord(record)) return undefined;
  return record[key] ?? record[`${key[0]?.toUpperCase()}${key.slice(1)}`];
}

/** The normalized content for a documented `content.type`; `undefined` for any other type. */
export function exotelContent(type: string, content: Content): MessageContent | undefined {
  switch (type.toLowerCase()) {
    case 'text':
      return { type: 'text', text: validate('exotel', 'text content', textContentSchema, content).text };
    case 'file': {
      const nested = field(content, 'file');
      return nested === undefined ? file(content, false) : file(nested, true);
    }
    case 'location':
      return location(field(content, 'location') ?? content);
    case 'suggested':
      return suggestion(field(content, 'suggested') ?? content);
    default:
      return undefined;
  }
}

/** Nested (`content.file`, the seed) or flat on `content` (omnichannel), where `type` is the content type. */
function file(raw: unknown, nested: boolean): MessageContent {
  const item = validate('exotel', 'file content', fileSchema, raw);
  return compact({
    type: 'file',
    url: item.url,
    mimeType: (nested ? item.type : undefined) ?? item.mime_type,
    name: item.name,
    size: item.size,
    thumbnail:
      item.thumbnail_url === undefined
        ? undefined
        : compact({ url: item.thumbnail_url, mimeType: item.thumbnail_type, size: item.thumbnail_size }),
  });
}

function location(raw: unknown): MessageContent {
  const item = validate('exotel', 'location content', locationSchema, raw);
  // The refinement guarantees one of the two spellings.
  const longitude = item.longitude ?? item.longtitude ?? Number.NaN;
  return compact({ type: 'location', latitude: item.latitude, longitude, label: item.label });
}

/** A tapped suggested reply or action: the seed's `response.{reply|action}` nesting, or the flat form. */
function suggestion(raw: unknown): MessageContent {
  const response = field(raw, 'response');
  const tapped = response === undefined ? raw : (field(response, 'reply') ?? field(response, 'action'));
  const item = validate('exotel', 'suggested content', suggestionSchema, tapped);
  const postbackData = item.postback?.data ?? item.postback_data;
  if (postbackData === undefined && item.text === undefined) {
    throw new PayloadParseError('invalid_payload', 'exotel suggested content has neither text nor postback', {
      provider: 'exotel',
    });
  }
  return compact({ type: 'suggestion', postbackData, text: item.text });
}
