using System.Text.Json.Serialization;
using Orleans;

namespace SessionLab.Sessions;

/// <summary>Who issued a command: a stable id per person and browser, the name they gave, and the role their invite grants.</summary>
[GenerateSerializer, Immutable, Alias("SessionLab.Actor")]
public sealed record Actor(string Id, string DisplayName, SessionRole Role)
{
    [JsonIgnore]
    public bool IsTeam => Role is SessionRole.Moderator or SessionRole.Observer;
}
