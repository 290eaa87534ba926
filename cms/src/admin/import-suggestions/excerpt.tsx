// Where in the old report a suggestion was read: its sentence, with the words it came from
// marked, so the editor judges the proposal against the text and not against a guess.

function locate(context: string, excerpt: string): number {
  const exact = context.indexOf(excerpt);
  return exact >= 0 ? exact : context.toLocaleLowerCase('pl').indexOf(excerpt.toLocaleLowerCase('pl'));
}

export function ExcerptInContext({ excerpt, context }: { excerpt: string; context: string }) {
  const at = context ? locate(context, excerpt) : -1;
  const quote = { margin: 0, fontSize: 13, lineHeight: 1.5, color: '#4a4a6a', borderLeft: '3px solid #dcdce4', paddingLeft: 8 } as const;
  if (at < 0) {
    return (
      <blockquote style={quote}>
        {context ? `${context} ` : null}
        <mark>{excerpt}</mark>
      </blockquote>
    );
  }
  return (
    <blockquote style={quote}>
      {context.slice(0, at)}
      <mark>{context.slice(at, at + excerpt.length)}</mark>
      {context.slice(at + excerpt.length)}
    </blockquote>
  );
}
