using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SessionLab.Server.Hubs;

namespace SessionLab.Server.Tests.Corpus;

/// <summary>
/// A route or hub method without corpus cases is noticed: every HTTP endpoint the app maps (method and pattern, read
/// from its <see cref="EndpointDataSource"/>) and every public method of <see cref="SessionHub"/> must be aimed at by
/// at least one case.
/// </summary>
[Collection(CorpusCollection.Name)]
public sealed class CorpusCoverageTests(CorpusWorld world)
{
    /// <summary>
    /// Endpoints that are not routes of the API: the hub's own (its methods are covered one by one, its frames by the
    /// frame corpus) and the fallbacks that serve the browser app and answer unknown paths.
    /// </summary>
    private static readonly string[] NotRoutes = ["/hubs/session"];

    [Fact]
    public void EveryHttpRouteHasCorpusCases()
    {
        var covered = HttpCorpus.All.Select(c => c.Route).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var routes = Routes().ToList();
        Assert.Contains("PUT /api/sessions/{sessionId}/recordings/{recordingId}/chunks/{index:int}", routes);
        var missing = routes.Where(r => !covered.Contains(r)).ToList();
        Assert.True(missing.Count == 0, "Routes without corpus cases (add cases to Corpus/HttpCorpus.cs):\n" + string.Join('\n', missing));
    }

    [Fact]
    public void EveryCaseNamesARouteTheAppHas()
    {
        var routes = Routes().ToHashSet(StringComparer.Ordinal);
        var stale = HttpCorpus.All.Select(c => c.Route).OfType<string>().Distinct().Where(r => !routes.Contains(r)).ToList();
        Assert.True(stale.Count == 0, "Cases name routes the app does not map:\n" + string.Join('\n', stale) + "\nThe app maps:\n" + string.Join('\n', routes));
    }

    [Fact]
    public void EveryHubMethodHasCorpusCases()
    {
        var covered = HubCorpus.All.Select(c => c.Method).Concat(FloodCorpus.All.Select(c => c.Method)).ToHashSet(StringComparer.Ordinal);
        var methods = HubMethods().ToList();
        Assert.Contains("Join", methods);
        Assert.Contains("AnswerSus", methods);
        var missing = methods.Where(m => !covered.Contains(m)).ToList();
        Assert.True(missing.Count == 0, "Hub methods without corpus cases (add cases to Corpus/HubCorpus.cs):\n" + string.Join('\n', missing));
    }

    [Fact]
    public void TheCorpusHoldsAtLeast300CasesWithUniqueNames()
    {
        var names = HttpCorpus.All.Select(c => c.Name).Concat(HubCorpus.All.Select(c => c.Name))
            .Concat(FrameCorpus.All.Select(c => c.Name)).Concat(FloodCorpus.All.Select(c => c.Name)).ToList();
        Assert.True(names.Count >= 300, $"{names.Count} cases");
        Assert.Empty(names.GroupBy(n => n, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key));
    }

    /// <summary>Method-bound endpoints as "METHOD pattern", one per method.</summary>
    private IEnumerable<string> Routes() =>
        world.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Order != int.MaxValue && !NotRoutes.Any(p => e.RoutePattern.RawText!.StartsWith(p, StringComparison.Ordinal)))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m != "HEAD").Select(m => $"{m} {e.RoutePattern.RawText}"))
            .Distinct()
            .Order(StringComparer.Ordinal);

    private static IEnumerable<string> HubMethods() =>
        typeof(SessionHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(SessionHub))
            .Select(m => m.Name)
            .Distinct();
}
