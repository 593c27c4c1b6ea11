using System.Collections.Immutable;

namespace SessionLab.Reports;

/// <summary>
/// Sessions of one study picked for a comparison: each member is a participant's alias (P1, any letter case) or a
/// session id, as a researcher reads them on the study page. <see cref="Name"/> names the group in the report.
/// </summary>
public sealed record SessionGroup(string Name, ImmutableArray<string> Members)
{
    /// <summary>A group from a comma-separated list ("P1, P2"); an empty list is an empty group.</summary>
    public static SessionGroup Parse(string? members, string name) =>
        new(name, [.. (members ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)]);
}
