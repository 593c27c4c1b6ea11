namespace SessionLab.Server.Invitations;

public sealed class TokenOptions
{
    public const string SectionName = "Tokens";

    /// <summary>Base64 HMAC key. When empty, a key is generated once and kept in the data folder.</summary>
    public string? SigningKey { get; set; }

    public TimeSpan InviteLifetime { get; set; } = TimeSpan.FromDays(14);

    public TimeSpan MaxInviteLifetime { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan OwnerLifetime { get; set; } = TimeSpan.FromDays(365);
}
