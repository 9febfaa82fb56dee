/**
 * The composer is a plain textarea with light markup (**bold**, _italic_, "- " lists); this turns it
 * into the small HTML subset the server keeps. Text is escaped first, so only our tags get through.
 */
const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const inline = (text: string) =>
  escapeHtml(text)
    .replace(/\*\*(.+?)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])_(.+?)_(?=$|[\s).,!?])/g, '$1<em>$2</em>');

export function toActivityHtml(text: string): string {
  const blocks: string[] = [];
  let list: string[] = [];
  let paragraph: string[] = [];
  const flushParagraph = () => {
    if (paragraph.length) blocks.push(`<p>${paragraph.map(inline).join('<br>')}</p>`);
    paragraph = [];
  };
  const flushList = () => {
    if (list.length) blocks.push(`<ul>${list.map((item) => `<li>${inline(item)}</li>`).join('')}</ul>`);
    list = [];
  };
  for (const line of text.split(/\r?\n/)) {
    const item = /^\s*[-*]\s+(.*)$/.exec(line);
    if (item) {
      flushParagraph();
      list.push(item[1] ?? '');
    } else if (line.trim() === '') {
      flushParagraph();
      flushList();
    } else {
      flushList();
      paragraph.push(line);
    }
  }
  flushParagraph();
  flushList();
  return blocks.join('');
}

/** Wraps the textarea selection in `marker` (or inserts it twice around the caret). */
export function wrapSelection(
  textarea: HTMLTextAreaElement,
  value: string,
  before: string,
  after = before,
): { value: string; caret: [number, number] } {
  const start = textarea.selectionStart;
  const end = textarea.selectionEnd;
  const next = value.slice(0, start) + before + value.slice(start, end) + after + value.slice(end);
  return { value: next, caret: [start + before.length, end + before.length] };
}
