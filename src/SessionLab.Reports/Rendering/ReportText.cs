using System.Globalization;
using System.Text;

namespace SessionLab.Reports;

/// <summary>Numbers, times and escaping shared by every renderer, so the formats agree on what they show.</summary>
internal static class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const string NoData = "no data";

    // The characters that may need a backslash, decided one by one from their neighbours (see EscapeNeeded); then every
    // character that becomes a space: controls (what char.IsControl says) and the Unicode line and paragraph separators.
    private static readonly System.Buffers.SearchValues<char> MarkdownCandidates = System.Buffers.SearchValues.Create(
        "\\`*[{~_<&#:.@|\u2028\u2029"
        + new string([.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)]));

    /// <summary>
    /// User text (notes, tags, titles, aliases) made inert as Markdown, with a backslash only where a character would
    /// change the meaning, so the file still reads cleanly when pasted where backslashes show (Slack, Jira, Confluence):
    /// "first-time", "#bug" and "3.5" stay as typed. No link, image, emphasis, code, strikethrough, closing heading
    /// sequence, autolink (www., scheme://, mailto:, e-mail), entity or raw HTML can start inside it; line breaks and
    /// control characters become spaces so a note cannot end a list item or open a block. The renderers never start a
    /// line with user text, so line-start syntax (lists, headings, quotes) cannot open either. Surrounding white space is
    /// dropped.
    /// </summary>
    public static string Markdown(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : new StringBuilder(text.Length + 16).AppendMarkdown(text).ToString();

    /// <summary><see cref="Markdown(string?)"/> for a table cell: a pipe there would end the cell.</summary>
    public static string Cell(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : new StringBuilder(text.Length + 16).AppendMarkdown(text, inTable: true).ToString();

    /// <summary><see cref="Markdown(string?)"/> written straight into <paramref name="builder"/>, for loops over every note.</summary>
    public static StringBuilder AppendMarkdown(this StringBuilder builder, string? text, bool inTable = false)
    {
        // Space around inline text means nothing in Markdown, and breaks emphasis around it ("** Pay **").
        var all = text.AsSpan().Trim();
        var at = 0;
        while (at < all.Length)
        {
            // Plain runs are copied whole; only the characters that may need it are looked at one by one.
            var plain = all[at..].IndexOfAny(MarkdownCandidates);
            if (plain < 0)
            {
                builder.Append(all[at..]);
                break;
            }
            builder.Append(all.Slice(at, plain));
            at += plain;
            var c = all[at];
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                builder.Append(' ');
            }
            else
            {
                if (EscapeNeeded(all, at, inTable))
                {
                    builder.Append('\\');
                }
                builder.Append(c);
            }
            at++;
        }
        return builder;
    }

    private static bool EscapeNeeded(ReadOnlySpan<char> text, int at, bool inTable)
    {
        var before = at > 0 ? text[at - 1] : ' ';
        var after = at + 1 < text.Length ? text[at + 1] : ' ';
        return text[at] switch
        {
            // Escapes, code spans, emphasis, links and images, and attribute blocks some viewers honour.
            '\\' => at + 1 == text.Length || (after < 128 && (char.IsPunctuation(after) || char.IsSymbol(after))),
            '`' or '*' or '[' or '{' => true,
            // Intraword underscores (snake_case) are plain text in CommonMark; at a word's edge they open emphasis.
            '_' => !char.IsLetterOrDigit(before) || !char.IsLetterOrDigit(after),
            // "~5 min" is plain; a tilde that could open or close strikethrough is not.
            '~' => !(IsSpace(before) && char.IsAsciiDigit(after)),
            // Raw HTML, comments and angle-bracket autolinks need a letter, / ! or ? right after the bracket.
            '<' => char.IsAsciiLetter(after) || after is '/' or '!' or '?',
            // Entities: &name; &#123; &#x1F;
            '&' => IsEntity(text[(at + 1)..]),
            // A lone # is a closing heading sequence at a line's end ("### Pay #"); "#bug" is plain.
            '#' => IsSpace(before) && (IsSpace(after) || after == '#'),
            // Autolinks: scheme://, mailto: and tel:, www., e-mail addresses.
            ':' => text[(at + 1)..].StartsWith("//") || EndsWithWord(text[..at], "mailto") || EndsWithWord(text[..at], "tel"),
            '.' => EndsWithWord(text[..at], "www"),
            '@' => char.IsLetterOrDigit(before) && char.IsLetterOrDigit(after),
            '|' => inTable,
            _ => false,
        };
    }

    private static bool IsSpace(char c) => char.IsWhiteSpace(c) || char.IsControl(c);

    private static bool IsEntity(ReadOnlySpan<char> rest)
    {
        var end = rest.IndexOf(';');
        if (end < 1 || end > 32)
        {
            return false;
        }
        var name = rest[..end];
        return name[0] == '#' ? name.Length > 1 && name[1..].TrimStart("xX").Length > 0 && IsAlphanumeric(name[1..]) : IsAlphanumeric(name);
    }

    private static bool IsAlphanumeric(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Whether <paramref name="text"/> ends with <paramref name="word"/> as a whole word, in any case.</summary>
    private static bool EndsWithWord(ReadOnlySpan<char> text, string word) =>
        text.EndsWith(word, StringComparison.OrdinalIgnoreCase)
        && (text.Length == word.Length || !char.IsLetterOrDigit(text[^(word.Length + 1)]));

    /// <summary>
    /// The text without the quotation marks an observer typed around it, so a report that puts quotes in marks of its
    /// own does not print them twice (“"Where is it?"”).
    /// </summary>
    public static string Unquoted(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length >= 2 && IsOpeningQuote(trimmed[0]) && IsClosingQuote(trimmed[^1])
            ? trimmed[1..^1].Trim()
            : trimmed;
    }

    private static bool IsOpeningQuote(char c) => c is '"' or '\'' or '“' or '‘' or '„' or '«' or '‚';

    private static bool IsClosingQuote(char c) => c is '"' or '\'' or '”' or '’' or '“' or '»' or '‘';

    /// <summary>An enum value in lower case, as every format writes kinds and outcomes; the names are made once per type.</summary>
    public static string Lower<T>(T value) where T : struct, Enum =>
        LowerNames<T>.Names.TryGetValue(value, out var name) ? name : value.ToString().ToLowerInvariant();

    public static string Number(double value, int decimals = 1) => value.ToString("F" + decimals.ToString(Invariant), Invariant);

    public static string Percent(double proportion) => Number(100 * proportion, 0) + "%";

    public static string PercentRange(Interval interval) => $"{Number(100 * interval.Lower, 0)}–{Number(100 * interval.Upper, 0)}%";

    public static string Range(Interval interval, int decimals = 1) => $"{Number(interval.Lower, decimals)}–{Number(interval.Upper, decimals)}";

    /// <summary>A session-clock offset as h:mm:ss, the way moderators read it on the session page.</summary>
    public static string Clock(long offsetMs)
    {
        var time = TimeSpan.FromMilliseconds(Math.Max(0, offsetMs));
        return $"{(int)time.TotalHours}:{time.Minutes:00}:{time.Seconds:00}";
    }

    public static string Duration(long ms)
    {
        var time = TimeSpan.FromMilliseconds(Math.Max(0, ms));
        return time.TotalHours >= 1 ? $"{(int)time.TotalHours} h {time.Minutes:00} min" : $"{time.Minutes} min {time.Seconds:00} s";
    }

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Invariant);

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", Invariant);

    public static string CentreName(TimeCentre centre) => centre == TimeCentre.Median ? "median" : "geometric mean";

    public static string Severity(int? severity) => severity switch
    {
        null => "unrated",
        0 => "0 not a problem",
        1 => "1 cosmetic",
        2 => "2 minor",
        3 => "3 major",
        _ => "4 catastrophe",
    };

    public static string Outcome(TaskCell cell) => cell switch
    {
        { InProgress: true } => "in progress",
        { Outcome: null } => "—",
        { Outcome: Sessions.TaskOutcome.Success, DurationMs: > 0 } => $"success {Clock(cell.DurationMs.Value)}",
        _ => Lower(cell.Outcome.Value),
    };

    private static class LowerNames<T> where T : struct, Enum
    {
        public static readonly Dictionary<T, string> Names = Enum.GetValues<T>().ToDictionary(v => v, v => v.ToString().ToLowerInvariant());
    }
}
