using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Storage.Sharing;

namespace SessionLab.Server.Apis;

/// <summary>A view-only link that still works, or why it does not.</summary>
internal sealed record ShareCheck(ShareLink? Link, ProblemHttpResult? Problem)
{
    public static ShareCheck Granted(ShareLink link) => new(link, null);

    public static ShareCheck Denied(ProblemHttpResult problem) => new(null, problem);
}
