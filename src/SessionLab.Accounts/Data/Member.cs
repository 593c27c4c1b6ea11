using Microsoft.AspNetCore.Identity;

namespace SessionLab.Accounts.Data;

/// <summary>A person of the research team: an Identity user whose user name is their e-mail address.</summary>
public sealed class Member : IdentityUser
{
    [PersonalData]
    public string DisplayName { get; set; } = "";

    public DateTimeOffset CreatedAt { get; set; }
}
