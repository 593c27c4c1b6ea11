namespace SessionLab.Recordings;

/// <summary>Azure's container naming rules, checked before any request so that a typo fails at start-up.</summary>
internal static class ContainerName
{
    public const string Rules = "A container name must be 3 to 63 lowercase letters, digits and single dashes, starting and ending with a letter or digit.";

    public static bool IsValid(string? name) =>
        name is { Length: >= 3 and <= 63 }
        && name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-')
        && name[0] != '-'
        && name[^1] != '-'
        && !name.Contains("--", StringComparison.Ordinal);
}
