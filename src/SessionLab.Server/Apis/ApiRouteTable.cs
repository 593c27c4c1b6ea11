using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.Primitives;

namespace SessionLab.Server.Apis;

/// <summary>
/// The app's method-bound endpoints, matched by path alone: what the <c>/api</c> fallback asks to tell "no such path"
/// from "this path, but another method or content type". Routing cannot say so itself once a catch-all fallback is
/// mapped: the fallback takes every method and content type, so routing's own 405 and 415 never happen.
/// </summary>
internal sealed class ApiRouteTable(EndpointDataSource endpoints, ParameterPolicyFactory policies)
{
    private Snapshot? _snapshot;

    /// <summary>One endpoint: its path matcher and constraints, the methods it takes and the body it reads.</summary>
    internal sealed record Route(RoutePattern Pattern, TemplateMatcher Matcher, IReadOnlyList<(string Key, IRouteConstraint Constraint)> Constraints,
        IReadOnlyList<string> Methods, IAcceptsMetadata? Accepts);

    private sealed record Snapshot(IChangeToken Changed, IReadOnlyList<Route> Routes);

    /// <summary>The endpoints whose path (constraints included) matches the request's, whatever their method.</summary>
    public IReadOnlyList<Route> MatchPath(HttpContext http)
    {
        var matches = new List<Route>();
        foreach (var route in Current().Routes)
        {
            var values = new RouteValueDictionary();
            if (route.Matcher.TryMatch(http.Request.Path, values)
                && route.Constraints.All(c => c.Constraint.Match(http, null, c.Key, values, RouteDirection.IncomingRequest)))
            {
                matches.Add(route);
            }
        }
        return matches;
    }

    // Built on first use, when every endpoint is mapped; rebuilt only if the endpoints change.
    private Snapshot Current()
    {
        var snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null || snapshot.Changed.HasChanged)
        {
            snapshot = Build();
            Volatile.Write(ref _snapshot, snapshot);
        }
        return snapshot;
    }

    private Snapshot Build()
    {
        var changed = endpoints.GetChangeToken();
        var routes = new List<Route>();
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            // Fallbacks (ordered last; the browser app's takes GET and HEAD on any path) are no evidence that a path
            // exists, and an endpoint that takes any method would have taken the request already.
            if (endpoint.Order == int.MaxValue || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods is not { Count: > 0 } methods)
            {
                continue;
            }
            var pattern = endpoint.RoutePattern;
            var constraints = new List<(string, IRouteConstraint)>();
            foreach (var (key, references) in pattern.ParameterPolicies)
            {
                foreach (var reference in references)
                {
                    if (policies.Create(pattern.GetParameter(key), reference) is IRouteConstraint constraint)
                    {
                        constraints.Add((key, constraint));
                    }
                }
            }
            var matcher = new TemplateMatcher(new RouteTemplate(pattern), new RouteValueDictionary(pattern.Defaults));
            routes.Add(new Route(pattern, matcher, constraints, [.. methods], endpoint.Metadata.GetMetadata<IAcceptsMetadata>()));
        }
        return new Snapshot(changed, routes);
    }
}
