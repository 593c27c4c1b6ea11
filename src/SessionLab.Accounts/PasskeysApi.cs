using System.Buffers.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using SessionLab.Accounts.Audit;
using SessionLab.Accounts.Data;
using SessionLab.Accounts.Workspaces;
using SessionLab.Sessions;

namespace SessionLab.Accounts;

/// <summary>The browser's answer to <c>navigator.credentials.create()</c> or <c>.get()</c>, JSON-serialized, and a name for a new passkey.</summary>
public sealed record PasskeyCredentialRequest(string? Credential, string? Name);

/// <summary>One of the member's passkeys: its credential id (base64url), the name it was given, when it was added.</summary>
public sealed record MemberPasskey(string Id, string Name, DateTimeOffset CreatedAt);

/// <summary>
/// Passkeys (WebAuthn) with Identity's own API: a signed-in member adds, lists and removes theirs; anyone signs in with
/// one, without an e-mail address or password (the passkey is discoverable: the authenticator says whose it is).
/// SignInManager keeps each ceremony's challenge in a short-lived cookie between the options and the browser's answer.
/// </summary>
public static class PasskeysApi
{
    public const string PasskeyRefused = "passkeyRefused";
    public const string PasskeyNotFound = "passkeyNotFound";
    private const int MaxNameLength = 80;

    public static void MapPasskeysApi(this RouteGroupBuilder account)
    {
        var passkeys = account.MapGroup("/passkeys");
        passkeys.MapPost("/request-options", MakeRequestOptionsAsync).RequireRateLimiting(AccountsAuthentication.SignInLimit);
        passkeys.MapPost("/sign-in", SignInAsync).RequireRateLimiting(AccountsAuthentication.SignInLimit);
        var mine = passkeys.MapGroup("").RequireAuthorization(AccountsAuthentication.MemberPolicy);
        mine.MapGet("/", ListAsync);
        mine.MapPost("/creation-options", MakeCreationOptionsAsync);
        mine.MapPost("/", AddAsync);
        mine.MapDelete("/{id}", RemoveAsync);
    }

    internal static async Task<Results<ContentHttpResult, ProblemHttpResult>> MakeCreationOptionsAsync(
        HttpContext http, UserManager<Member> users, SignInManager<Member> signIn)
    {
        if (await users.GetUserAsync(http.User) is not { } member)
        {
            return AccountGone();
        }
        var options = await signIn.MakePasskeyCreationOptionsAsync(new PasskeyUserEntity
        {
            Id = member.Id,
            Name = member.Email ?? member.UserName ?? member.Id,
            DisplayName = member.DisplayName,
        });
        return TypedResults.Content(options, "application/json");
    }

    internal static async Task<Results<Created<MemberPasskey>, ProblemHttpResult>> AddAsync(
        PasskeyCredentialRequest? request, HttpContext http, UserManager<Member> users, SignInManager<Member> signIn,
        WorkspaceDirectory workspaces, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(http.User) is not { } member)
        {
            return AccountGone();
        }
        if (string.IsNullOrWhiteSpace(request?.Credential))
        {
            return AccountProblems.Invalid("Send the new passkey as credential: the browser's answer, JSON-serialized.");
        }
        var name = request.Name?.Trim();
        if (name is { Length: > MaxNameLength })
        {
            return AccountProblems.Invalid($"Give the passkey a shorter name (at most {MaxNameLength} characters).");
        }
        if (name is not null && HiddenCharacters.InName(name) is { } hidden)
        {
            return AccountProblems.Invalid($"The passkey's name contains {hidden}.");
        }
        PasskeyAttestationResult result;
        try
        {
            result = await signIn.PerformPasskeyAttestationAsync(request.Credential);
        }
        catch (InvalidOperationException)
        {
            // No ceremony under way in this browser: the options expired (5 minutes) or were asked for elsewhere.
            return Refused("The passkey could not be checked: it took too long, or started in another tab. Try adding it again.");
        }
        if (!result.Succeeded)
        {
            return Refused($"The passkey was not accepted: {result.Failure.Message}");
        }
        if (result.UserEntity.Id != member.Id)
        {
            return Refused("The passkey was made for another account. Try adding it again.");
        }
        var passkey = result.Passkey;
        passkey.Name = string.IsNullOrEmpty(name) ? $"Passkey added {time.GetUtcNow():yyyy-MM-dd}" : name;
        var saved = await users.AddOrUpdatePasskeyAsync(member, passkey);
        if (!saved.Succeeded)
        {
            return AccountProblems.Invalid(string.Join(" ", saved.Errors.Select(e => e.Description)));
        }
        await RecordAsync(member, workspaces, audit, "account.passkey-added", passkey.Name, cancellationToken);
        var id = Base64Url.EncodeToString(passkey.CredentialId);
        return TypedResults.Created($"/api/account/passkeys/{id}", new MemberPasskey(id, passkey.Name, passkey.CreatedAt));
    }

    internal static async Task<Results<Ok<List<MemberPasskey>>, ProblemHttpResult>> ListAsync(HttpContext http, UserManager<Member> users)
    {
        if (await users.GetUserAsync(http.User) is not { } member)
        {
            return AccountGone();
        }
        var passkeys = await users.GetPasskeysAsync(member);
        return TypedResults.Ok(passkeys.OrderBy(p => p.CreatedAt)
            .Select(p => new MemberPasskey(Base64Url.EncodeToString(p.CredentialId), p.Name ?? "Passkey", p.CreatedAt)).ToList());
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(
        string id, HttpContext http, UserManager<Member> users, WorkspaceDirectory workspaces, AuditLog audit, CancellationToken cancellationToken)
    {
        if (await users.GetUserAsync(http.User) is not { } member)
        {
            return AccountGone();
        }
        byte[] credentialId;
        try
        {
            credentialId = Base64Url.DecodeFromChars(id);
        }
        catch (FormatException)
        {
            return NotFound();
        }
        if (await users.GetPasskeyAsync(member, credentialId) is not { } passkey)
        {
            return NotFound();
        }
        var removed = await users.RemovePasskeyAsync(member, credentialId);
        if (!removed.Succeeded)
        {
            return AccountProblems.Invalid(string.Join(" ", removed.Errors.Select(e => e.Description)));
        }
        await RecordAsync(member, workspaces, audit, "account.passkey-removed", passkey.Name ?? "Passkey", cancellationToken);
        return TypedResults.NoContent();
    }

    /// <summary>Options for <c>navigator.credentials.get()</c> with no allow-list: any of this server's passkeys will do.</summary>
    internal static async Task<ContentHttpResult> MakeRequestOptionsAsync(SignInManager<Member> signIn) =>
        TypedResults.Content(await signIn.MakePasskeyRequestOptionsAsync(null), "application/json");

    /// <summary>
    /// Checks the passkey and signs in with the same long-lived cookie as a password. This is what
    /// <c>SignInManager.PasskeySignInAsync</c> does, plus the lockout check it leaves out (an owner's lockout holds
    /// for passkeys too) and a persistent cookie instead of a browser-session one.
    /// </summary>
    internal static async Task<Results<Ok<Me>, ProblemHttpResult>> SignInAsync(
        PasskeyCredentialRequest? request, SignInManager<Member> signIn, WorkspaceDirectory workspaces, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request?.Credential))
        {
            return AccountProblems.Invalid("Send the passkey as credential: the browser's answer, JSON-serialized.");
        }
        PasskeyAssertionResult<Member> result;
        try
        {
            result = await signIn.PerformPasskeyAssertionAsync(request.Credential);
        }
        catch (InvalidOperationException)
        {
            return NotRecognised("The sign-in took too long or started in another tab. Try again.");
        }
        if (!result.Succeeded)
        {
            return NotRecognised("It is not registered with this server; it may have been removed from the account. Sign in with your password.");
        }
        var member = result.User;
        if (await signIn.UserManager.IsLockedOutAsync(member))
        {
            return AccountProblems.Create(StatusCodes.Status423Locked, AccountProblems.LockedOut, "Locked out",
                "This account is locked for now. A workspace owner can send you a password reset link.");
        }
        if (!await signIn.CanSignInAsync(member))
        {
            return NotRecognised("This account cannot sign in.");
        }
        // The sign count and backup flags change with each use.
        if (!(await signIn.UserManager.AddOrUpdatePasskeyAsync(member, result.Passkey)).Succeeded)
        {
            return NotRecognised("The passkey could not be updated. Try again.");
        }
        await signIn.SignInAsync(member, isPersistent: true, authenticationMethod: "passkey");
        return TypedResults.Ok(await AccountsApi.MeAsync(member, workspaces, cancellationToken));
    }

    internal static async Task RecordAsync(Member member, WorkspaceDirectory workspaces, AuditLog audit, string action, string target, CancellationToken cancellationToken)
    {
        var actor = new AuditActor(member.Id, member.DisplayName);
        foreach (var workspace in await workspaces.OfMemberAsync(member.Id, cancellationToken))
        {
            await audit.RecordAsync(workspace.Id, actor, action, target, member.Email, cancellationToken);
        }
    }

    private static ProblemHttpResult Refused(string detail) =>
        AccountProblems.Create(StatusCodes.Status400BadRequest, PasskeyRefused, "Passkey refused", detail);

    private static ProblemHttpResult NotRecognised(string detail) =>
        AccountProblems.Create(StatusCodes.Status401Unauthorized, AccountProblems.SignInFailed, "Sign-in failed", detail);

    private static ProblemHttpResult NotFound() =>
        AccountProblems.Create(StatusCodes.Status404NotFound, PasskeyNotFound, "Passkey not found", "You have no passkey with that id.");

    private static ProblemHttpResult AccountGone() =>
        AccountProblems.Create(StatusCodes.Status401Unauthorized, AccountProblems.SignInRequired, "Sign in required", "Your account no longer exists; sign in again.");
}
