using SessionLab.Sessions;

namespace SessionLab.Reports;

/// <summary>Two groups of a study's sessions to compare task by task, as two rounds are compared.</summary>
public sealed record SessionGroups(SessionGroup First, SessionGroup Second)
{
    public const string DefaultFirstName = "group A";
    public const string DefaultSecondName = "group B";

    /// <summary>The groups from the report's options: a list of members and an optional name for each.</summary>
    public static SessionGroups From(string? first, string? second, string? firstName = null, string? secondName = null) => new(
        SessionGroup.Parse(first, string.IsNullOrWhiteSpace(firstName) ? DefaultFirstName : firstName.Trim()),
        SessionGroup.Parse(second, string.IsNullOrWhiteSpace(secondName) ? DefaultSecondName : secondName.Trim()));

    /// <summary>
    /// Each group's sessions among <paramref name="sessions"/>, in the study's order. A member that names no session of
    /// the study, or a session in both groups, is refused: a typo would otherwise compare the wrong people in silence.
    /// </summary>
    /// <exception cref="InvalidSessionGroupsException">A member names nothing, or both groups hold a session.</exception>
    public (IReadOnlyList<SessionState> First, IReadOnlyList<SessionState> Second) Resolve(IReadOnlyList<SessionState> sessions)
    {
        ArgumentNullException.ThrowIfNull(sessions);
        var first = Pick(First, sessions);
        var second = Pick(Second, sessions);
        if (first.FirstOrDefault(s => second.Contains(s)) is { } both)
        {
            throw new InvalidSessionGroupsException($"Participant {both.ParticipantAlias} ({both.SessionId}) is in both groups; put each session in one group.");
        }
        return (first, second);
    }

    /// <summary>How the report names a group: its name and who is in it.</summary>
    public static string Label(SessionGroup group, IReadOnlyList<SessionState> sessions)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(sessions);
        return sessions.Count == 0 ? $"{group.Name} (no sessions)" : $"{group.Name} ({string.Join(", ", sessions.Select(s => s.ParticipantAlias))})";
    }

    private static List<SessionState> Pick(SessionGroup group, IReadOnlyList<SessionState> sessions)
    {
        var picked = new List<SessionState>();
        foreach (var member in group.Members)
        {
            var matches = sessions.Where(s => s.SessionId == member || string.Equals(s.ParticipantAlias.Trim(), member, StringComparison.OrdinalIgnoreCase)).ToList();
            if (matches.Count == 0)
            {
                throw new InvalidSessionGroupsException($"'{member}' in {group.Name} is neither a participant alias nor a session id of this study.");
            }
            picked.AddRange(matches.Where(m => !picked.Contains(m)));
        }
        return [.. sessions.Where(picked.Contains)];
    }
}
