using System.Globalization;
using System.Text;

namespace SessionLab.Sessions;

/// <summary>
/// The two rules for what people type. A name or title (display name, participant alias, study name, task title, who
/// rated a finding) is one line of visible characters: no control characters or line breaks, no text-direction marks,
/// embeddings, overrides or isolates (which make text display differently from what it says: a name that reads as
/// someone else's, a title that reverses in the report), and no invisible characters ("Mo" and "Mo" + U+200B would
/// show as the same person). Free text (a note, a comment, a goal, instructions) may also hold line breaks and tabs,
/// and the joiners that join letters in Persian and Indic scripts and build emoji (U+200C, U+200D, the tag characters
/// of flag emoji) and the soft hyphen that pasted text carries; everything else the name rule refuses stays refused.
/// </summary>
public static class HiddenCharacters
{
    /// <summary>What is wrong with <paramref name="text"/> as a name, in words ("U+200B, an invisible character, at character 3"), or null if nothing.</summary>
    public static string? InName(string? text) => Find(text, freeText: false);

    /// <summary>What is wrong with <paramref name="text"/> as free text, in words, or null if nothing.</summary>
    public static string? InText(string? text) => Find(text, freeText: true);

    private static string? Find(string? text, bool freeText)
    {
        if (text is null)
        {
            return null;
        }
        for (var i = 0; i < text.Length; i++)
        {
            int codePoint;
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
            }
            else if (char.IsSurrogate(text[i]))
            {
                return $"U+{(int)text[i]:X4}, half of a character (a lone UTF-16 surrogate), at character {i + 1}";
            }
            else
            {
                codePoint = text[i];
            }
            if (Kind(codePoint, freeText) is { } kind)
            {
                return $"U+{codePoint:X4}, {kind}, at character {i + 1}";
            }
            if (codePoint > 0xFFFF)
            {
                i++;
            }
        }
        return null;
    }

    private static string? Kind(int codePoint, bool freeText)
    {
        if (codePoint is '\n' or '\r' or 0x2028 or 0x2029)
        {
            return freeText ? null : "a line break";
        }
        if (codePoint == '\t')
        {
            return freeText ? null : "a tab";
        }
        if (codePoint is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069))
        {
            return "a text-direction character, which makes text display differently from what it says";
        }
        if (freeText && codePoint is 0x00AD or 0x200C or 0x200D or (>= 0xE0020 and <= 0xE007F))
        {
            return null;
        }
        var category = Rune.GetUnicodeCategory(new Rune(codePoint));
        if (category == UnicodeCategory.Control)
        {
            return "a control character";
        }
        // Format characters (zero-width space, word joiner, BOM, soft hyphen…) and the fillers and joiners that
        // display as nothing although they are not format characters.
        if (category == UnicodeCategory.Format || codePoint is 0x034F or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x3164 or 0xFFA0)
        {
            return "an invisible character";
        }
        return null;
    }
}
