namespace SessionLab.Server.Tests.Support;

/// <summary>The session hub's address for one invite link, as the browser app opens it.</summary>
internal static class HubUrl
{
    public static Uri For(Uri server, string inviteToken) => new(server, "/hubs/session?invite=" + Uri.EscapeDataString(inviteToken));
}
