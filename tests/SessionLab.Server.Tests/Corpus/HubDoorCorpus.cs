namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// Opening the session hub with something other than a working session invite: the hub's policy refuses the connection
/// itself (before any method can be called) with the status and code a browser's link screen explains.
/// <see cref="Invite"/> is the <c>?invite=</c> value (null: none sent); <see cref="SignedInAs"/> a member's sign-in
/// sent beside it.
/// </summary>
public sealed record HubDoorCase(string Name, string? Invite, int Status, string Code, string? SignedInAs = null)
{
    public override string ToString() => Name;
}

internal static class HubDoorCorpus
{
    public static IReadOnlyList<HubDoorCase> All { get; } =
    [
        new("no invite", null, 401, "invalidToken"),
        new("empty invite", "", 401, "invalidToken"),
        new("garbage invite", "hello", 401, "invalidToken"),
        new("truncated invite", "$trunc:inv:obs:live", 401, "invalidToken"),
        new("half an invite", "$half:inv:obs:live", 401, "invalidToken"),
        new("invite with a flipped signature byte", "$flip:inv:obs:live", 401, "invalidToken"),
        new("invite with a flipped payload byte", "$flippayload:inv:obs:live", 401, "invalidToken"),
        new("padded invite", "$pad:inv:obs:live", 401, "invalidToken"),
        new("invite in upper case", "$upper:inv:obs:live", 401, "invalidToken"),
        new("invite without its signature", "$nosig:inv:obs:live", 401, "invalidToken"),
        new("invite without its prefix", "$noprefix:inv:obs:live", 401, "invalidToken"),
        new("invite with another version prefix", "$v2:inv:obs:live", 401, "invalidToken"),
        new("invite with a space inside", "$spaced:inv:obs:live", 401, "invalidToken"),
        new("invite with a zero-width space inside", "$zw:inv:obs:live", 401, "invalidToken"),
        new("invite signed by another key", "$foreignkey:inv:obs:live", 401, "invalidToken"),
        new("invite with another token's signature", "$swapsig:inv:obs:live", 401, "invalidToken"),
        new("invite 40 times over", "$repeat:inv:obs:live", 401, "invalidToken"),
        new("expired observer invite", "$expired:inv:obs:live", 401, "tokenExpired"),
        new("expired moderator invite", "$expired:inv:mod:live", 401, "tokenExpired"),
        new("a member's sign-in token as an invite", "$owner:A", 401, "invalidToken"),
        new("identity token as an invite (wrong kind)", "$identity:obs:live", 401, "invalidToken"),
        new("view-only link as an invite (wrong kind)", "$share:A", 401, "invalidToken"),
        new("clip view-only link as an invite", "$share:clip", 401, "invalidToken"),
        new("revoked view-only link as an invite", "$share:revoked", 401, "invalidToken"),
        new("expired view-only link as an invite", "$share:expired", 401, "invalidToken"),
        new("tampered view-only link as an invite", "$flip:share:A", 401, "invalidToken"),
        // A sign-in says who someone is, not which session they were invited to.
        new("a workspace owner's sign-in and no invite", null, 403, "forbidden", "$owner:A"),
        new("a viewer's sign-in and no invite", null, 403, "forbidden", "$viewer:A"),
        new("a tampered sign-in and no invite", null, 401, "invalidToken", "$flip:owner:A"),
        new("a working sign-in and an expired invite", "$expired:inv:obs:live", 401, "tokenExpired", "$owner:A"),
    ];
}
