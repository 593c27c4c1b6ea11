using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using SessionLab.Server.Tests.Support;

namespace SessionLab.Server.Tests.Apis;

/// <summary>
/// The passkey routes around the browser's part: the options each ceremony starts with, and the refusals. A real
/// passkey made and used is the browser test's (web/tests/browser/passkeys.test.ts, with Chromium's virtual authenticator).
/// </summary>
public sealed class PasskeysApiTests(SessionLabFactory factory) : IClassFixture<SessionLabFactory>
{
    [Fact]
    public async Task AnyoneGetsSignInOptionsForAnyPasskeyOfThisServer()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsync(new Uri("/api/account/passkeys/request-options", UriKind.Relative), null);
        var options = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("localhost", options.GetProperty("rpId").GetString());
        Assert.Empty(options.GetProperty("allowCredentials").EnumerateArray());
        Assert.True(options.GetProperty("challenge").GetString()!.Length >= 40);
        Assert.True(response.Headers.Contains("Set-Cookie"), "the challenge is kept in a cookie until the browser answers");
    }

    [Fact]
    public async Task AMemberGetsCreationOptionsForADiscoverablePasskeyOfTheirAccount()
    {
        using var client = await factory.MemberClientAsync();

        var response = await client.PostAsync(new Uri("/api/account/passkeys/creation-options", UriKind.Relative), null);
        var options = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SessionLabFactory.OwnerEmail, options.GetProperty("user").GetProperty("name").GetString());
        Assert.Equal("Olive Owner", options.GetProperty("user").GetProperty("displayName").GetString());
        Assert.Equal("localhost", options.GetProperty("rp").GetProperty("id").GetString());
        Assert.Equal("required", options.GetProperty("authenticatorSelection").GetProperty("residentKey").GetString());
    }

    [Theory]
    [InlineData("POST", "/api/account/passkeys/creation-options")]
    [InlineData("POST", "/api/account/passkeys")]
    [InlineData("GET", "/api/account/passkeys")]
    [InlineData("DELETE", "/api/account/passkeys/AAAA")]
    public async Task ManagingPasskeysNeedsASignIn(string method, string path)
    {
        using var client = factory.CreateClient();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = JsonContent.Create(new { credential = "{}" }) });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AMemberWithoutPasskeysListsNone()
    {
        using var client = await factory.MemberClientAsync();

        var list = await client.GetFromJsonAsync<JsonElement>("/api/account/passkeys");

        Assert.Empty(list.EnumerateArray());
    }

    [Fact]
    public async Task RemovingAPasskeyTheMemberDoesNotHaveIsNotFound()
    {
        using var client = await factory.MemberClientAsync();

        var response = await client.DeleteAsync(new Uri("/api/account/passkeys/bm90LWEtcGFzc2tleQ", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("passkeyNotFound", await CodeAsync(response));
    }

    [Fact]
    public async Task AForgedPasskeyIsRefusedWhenAdded()
    {
        using var client = await factory.MemberClientAsync();
        (await client.PostAsync(new Uri("/api/account/passkeys/creation-options", UriKind.Relative), null)).EnsureSuccessStatusCode();

        var response = await client.PostAsJsonAsync("/api/account/passkeys", new { credential = ForgedCredential, name = "Forged" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("passkeyRefused", await CodeAsync(response));
    }

    [Fact]
    public async Task AForgedPasskeySignsNobodyIn()
    {
        using var client = factory.CreateClient();
        (await client.PostAsync(new Uri("/api/account/passkeys/request-options", UriKind.Relative), null)).EnsureSuccessStatusCode();

        var response = await client.PostAsJsonAsync("/api/account/passkeys/sign-in", new { credential = ForgedCredential });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signInFailed", await CodeAsync(response));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync(new Uri("/api/account", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task APasskeyAnswerWithoutOptionsFirstSignsNobodyIn()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/account/passkeys/sign-in", new { credential = ForgedCredential });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("signInFailed", await CodeAsync(response));
    }

    [Fact]
    public async Task ASignInWithoutACredentialIsABadRequest()
    {
        using var client = factory.CreateClient();

        var response = await client.PostAsJsonAsync("/api/account/passkeys/sign-in", new { credential = "" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalidRequest", await CodeAsync(response));
    }

    /// <summary>Shaped like a browser's answer, signed by nobody.</summary>
    private const string ForgedCredential = """
        {"id":"AAAA","rawId":"AAAA","type":"public-key","authenticatorAttachment":"platform","clientExtensionResults":{},
         "response":{"clientDataJSON":"e30","attestationObject":"oA","authenticatorData":"AAAA","signature":"AAAA","userHandle":"AAAA","transports":["internal"]}}
        """;

    private static async Task<string?> CodeAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString();
}
