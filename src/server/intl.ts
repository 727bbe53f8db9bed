/**
 * Intl.DateTimeFormat instances, built once per locale and options. Building one costs about as much as a whole
 * small request (measured in bench/, see bench/RESULTS.md), and the directory, the plans and the exports format
 * dates for every row they show.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}\u0000${JSON.stringify(options)}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    formats.set(key, format);
  }
  return format;
}
