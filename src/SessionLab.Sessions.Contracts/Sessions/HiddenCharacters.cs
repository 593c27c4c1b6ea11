namespace SessionLab.Sessions;

/// <summary>
/// Characters a one-line name or title must not hold: control characters (NUL, escapes, line breaks), and the
/// bidirectional embedding, override and isolate marks, which make text display differently from what it says
/// (a participant alias that reads as someone else's, a task title that reverses in the report).
/// </summary>
public static class HiddenCharacters
{
    public static bool In(string? text) =>
        text is not null && text.AsSpan().IndexOfAny(Set) >= 0;

    private static readonly System.Buffers.SearchValues<char> Set = System.Buffers.SearchValues.Create(
        [.. Enumerable.Range(0, 0x20).Select(c => (char)c), '\u007F', .. Enumerable.Range(0x80, 0x20).Select(c => (char)c),
         '\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069']);
}
