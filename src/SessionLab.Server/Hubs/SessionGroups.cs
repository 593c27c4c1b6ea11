namespace SessionLab.Server.Hubs;

/// <summary>
/// Each session has two audiences. Groups are only a delivery mechanism: who joins which is decided after the
/// invite token is checked, and the grain decides per event which audience receives it.
/// </summary>
internal static class SessionGroups
{
    public static string Team(string sessionId) => $"session:{sessionId}:team";

    public static string Participant(string sessionId) => $"session:{sessionId}:participant";
}
