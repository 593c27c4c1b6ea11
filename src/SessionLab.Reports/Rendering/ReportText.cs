using System.Globalization;
using System.Text;

namespace SessionLab.Reports;

/// <summary>Numbers, times and escaping shared by every renderer, so the formats agree on what they show.</summary>
internal static class ReportText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public const string NoData = "no data";

    // Every ASCII punctuation character CommonMark lets a backslash escape, except , ; ? / % " ' which start nothing
    // once line breaks are gone (escaping them only makes the raw file harder to read); then every character that
    // becomes a space: controls (what char.IsControl says) and the Unicode line and paragraph separators.
    private static readonly System.Buffers.SearchValues<char> MarkdownSpecial = System.Buffers.SearchValues.Create(
        "!#$&()*+-.:<=>@[\\]^_`{|}~\u2028\u2029"
        + new string([.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c)]));

    /// <summary>
    /// User text (notes, tags, titles, aliases) made inert as Markdown: every character that can open Markdown syntax is
    /// backslash-escaped, so no link, image, emphasis, heading, list, table cell, autolink (www. or scheme:), entity or
    /// raw HTML can start inside it; line breaks and control characters become spaces so a note cannot end a
    /// table row or open a block.
    /// </summary>
    public static string Markdown(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : new StringBuilder(text.Length + 16).AppendMarkdown(text).ToString();

    /// <summary><see cref="Markdown(string?)"/> written straight into <paramref name="builder"/>, for loops over every note.</summary>
    public static StringBuilder AppendMarkdown(this StringBuilder builder, string? text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            // Plain runs are copied whole; only the characters that need it are looked at one by one.
            var plain = rest.IndexOfAny(MarkdownSpecial);
            if (plain < 0)
            {
                builder.Append(rest);
                break;
            }
            builder.Append(rest[..plain]);
            var c = rest[plain];
            if (char.IsControl(c) || c is '\u2028' or '\u2029')
            {
                builder.Append(' ');
            }
            else
            {
                builder.Append('\\').Append(c);
            }
            rest = rest[(plain + 1)..];
        }
        return builder;
    }

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

    public static string Seconds(double seconds) => Number(seconds) + " s";

    public static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", Invariant);

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", Invariant);

    public static string Mean(MeanEstimate? estimate, int decimals = 1) => estimate switch
    {
        null => NoData,
        { Interval: { } interval } => $"{Number(estimate.Mean, decimals)} ({Range(interval, decimals)}, n = {estimate.Count})",
        { Count: 1 } => $"{Number(estimate.Mean, decimals)} (n = 1, no interval)",
        _ => $"{Number(estimate.Mean, decimals)} (all equal, n = {estimate.Count})",
    };

    public static string Proportion(ProportionEstimate? estimate) => estimate is null
        ? NoData
        : $"{Percent(estimate.BestEstimate)} ({estimate.Successes} of {estimate.Trials}; {PercentRange(estimate.Interval)})";

    public static string Time(TimeEstimate? estimate) => estimate switch
    {
        null => NoData,
        { Interval: { } interval } => $"{Seconds(estimate.Value)} {CentreName(estimate.Centre)} ({Range(interval)} s, n = {estimate.Count})",
        _ => $"{Seconds(estimate.Value)} {CentreName(estimate.Centre)} (n = {estimate.Count}, no interval)",
    };

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
