using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using SessionLab.Server.Tests.Support;
using SessionLab.Sessions;

namespace SessionLab.Server.Tests.Cluster;

/// <summary>
/// Every node reads the one Data Protection key ring kept in PostgreSQL: a session link or a sign-in made on one node
/// works on the other, and still works once every node was killed and a fresh one started.
/// </summary>
public sealed class SharedKeyRingTests
{
    [Fact]
    public async Task ALinkAndASignInMadeOnOneNodeWorkOnTheOtherAndAfterEveryNodeWasKilled()
    {
        await using var cluster = await KillableCluster.StartAsync(2);
        var (sessionId, invites) = await ClusterSetup.NewSessionAsync(cluster.Nodes[0].BaseUrl);
        var memberToken = await SignInAsync(cluster.Nodes[0].BaseUrl);

        await AssertWorksAsync(cluster.Nodes[1].BaseUrl, sessionId, invites[SessionRole.Observer], memberToken);

        await cluster.Nodes[0].KillAsync();
        await cluster.Nodes[1].KillAsync();
        var fresh = await cluster.AddNodeAsync();

        await AssertWorksAsync(fresh.BaseUrl, sessionId, invites[SessionRole.Observer], memberToken);
    }

    private static async Task AssertWorksAsync(Uri node, string sessionId, string observerInvite, string memberToken)
    {
        using var http = new HttpClient { BaseAddress = node };
        using var access = new HttpRequestMessage(HttpMethod.Get, "/api/access");
        access.Headers.Authorization = new AuthenticationHeaderValue("Bearer", observerInvite);
        using var link = await http.SendAsync(access);
        Assert.Equal(HttpStatusCode.OK, link.StatusCode);
        var claims = await link.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((sessionId, "observer"), (claims.GetProperty("sessionId").GetString(), claims.GetProperty("role").GetString()));

        using var session = new HttpRequestMessage(HttpMethod.Get, $"/api/sessions/{sessionId}");
        session.Headers.Authorization = new AuthenticationHeaderValue("Bearer", memberToken);
        using var read = await http.SendAsync(session);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
    }

    private static async Task<string> SignInAsync(Uri node)
    {
        using var http = new HttpClient { BaseAddress = node };
        using var response = await http.PostAsJsonAsync("/api/account/token", new { email = SessionLabFactory.OwnerEmail, password = SessionLabFactory.Password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
