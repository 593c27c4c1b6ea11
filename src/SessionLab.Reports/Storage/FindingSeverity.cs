namespace SessionLab.Reports.Storage;

/// <summary>
/// The severity the team gave a finding (a tag of the study) on Nielsen's 0–4 scale, with who set it last and when.
/// <see cref="Tag"/> is in the palette's spelling; lookups ignore case, as tags do everywhere else.
/// </summary>
public sealed record FindingSeverity(string StudyId, string Tag, int Severity, DateTimeOffset UpdatedAt, string UpdatedBy)
{
    public const int Min = 0;

    public const int Max = 4;

    public static bool IsOnScale(int severity) => severity is >= Min and <= Max;

    internal static void ThrowIfOffScale(int severity)
    {
        if (!IsOnScale(severity))
        {
            throw new ArgumentOutOfRangeException(nameof(severity), severity, $"A severity is on Nielsen's {Min}–{Max} scale.");
        }
    }

    /// <summary>The key that makes "Bug" and "bug" one row, matching the ordinal case-insensitive comparison tags use.</summary>
    internal static string Key(string tag) => tag.ToUpperInvariant();
}
