namespace SessionLab.Server.Invitations;

public sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    public TimeSpan InviteLifetime { get; set; } = TimeSpan.FromDays(14);

    public TimeSpan MaxInviteLifetime { get; set; } = TimeSpan.FromDays(90);
}
