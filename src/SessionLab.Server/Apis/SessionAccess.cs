using Microsoft.AspNetCore.Http.HttpResults;
using SessionLab.Sessions;

namespace SessionLab.Server.Apis;

internal sealed record SessionAccess(SessionState? State, Actor? Actor, ProblemHttpResult? Problem)
{
    public static SessionAccess Granted(SessionState state, Actor actor) => new(state, actor, null);

    public static SessionAccess Denied(ProblemHttpResult problem) => new(null, null, problem);
}
