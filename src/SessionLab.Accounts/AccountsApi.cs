using System.Net.Mail;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.Data;
using SessionLab.Accounts.Audit;
using SessionLab.Accounts.Data;
using SessionLab.Accounts.FirstRun;
using SessionLab.Accounts.Tokens;
using SessionLab.Accounts.Workspaces;
using SessionLab.Sessions;
using SessionLab.Storage;

namespace SessionLab.Accounts;

public sealed record SetupStatus(bool SetupPending);
public sealed record SetupRequest(string? SetupToken, string? Email, string? DisplayName, string? Password);
public sealed record SignInRequest(string? Email, string? Password);
public sealed record TokenRequest(string? Token);
public sealed record AcceptInvitationRequest(string? Token, string? Email, string? DisplayName, string? Password);
public sealed record PasswordResetRequest(string? Token, string? Password);

/// <summary>Sign-in, the first-run owner, workspaces, members, invitations, password resets and the audit log.</summary>
public static class AccountsApi
{
    private const string InvitationPurpose = "workspace-invitation";
    private const string PasswordResetPurpose = "password-reset";
    private static readonly TimeSpan PasswordResetLifetime = TimeSpan.FromDays(1);

    public static void MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/api/account").WithTags("Account");
        account.MapGet("/setup", GetSetupAsync);
        account.MapPost("/setup", SetUpAsync).RequireRateLimiting(AccountsAuthentication.SignInLimit);
        account.MapPost("/sign-in", SignInAsync).RequireRateLimiting(AccountsAuthentication.SignInLimit);
        account.MapPost("/token", IssueTokenAsync).RequireRateLimiting(AccountsAuthentication.SignInLimit);
        account.MapPost("/invitations/preview", PreviewInvitationAsync).RequireRateLimiting(AccountsAuthentication.SignInLimit);
        account.MapPost("/invitations/accept", AcceptInvitationAsync).RequireRateLimiting(AccountsAuthentication.SignInLimit);
        account.MapPost("/password-reset", ResetPasswordAsync).RequireRateLimiting(AccountsAuthentication.SignInLimit);
        var signedIn = account.MapGroup("").RequireAuthorization(AccountsAuthentication.MemberPolicy);
        signedIn.MapGet("/", GetMeAsync);
        signedIn.MapPost("/sign-out", SignOutAsync);
        account.MapPasskeysApi();
        account.MapSsoApi();

        var workspaces = app.MapGroup("/api/workspaces").WithTags("Workspaces").RequireAuthorization(AccountsAuthentication.MemberPolicy);
        workspaces.MapPost("/", CreateWorkspaceAsync);
        var workspace = workspaces.MapGroup("/{workspaceId}");
        workspace.MapGet("/studies", ListStudiesAsync).RequireWorkspaceRole(WorkspaceRole.Viewer);
        workspace.MapGet("/members", ListMembersAsync).RequireWorkspaceRole(WorkspaceRole.Owner);
        workspace.MapPut("/members/{memberId}", ChangeRoleAsync).RequireWorkspaceRole(WorkspaceRole.Owner);
        workspace.MapDelete("/members/{memberId}", RemoveMemberAsync).RequireWorkspaceRole(WorkspaceRole.Owner);
        workspace.MapPost("/members/{memberId}/password-reset", CreatePasswordResetAsync).RequireWorkspaceRole(WorkspaceRole.Owner);
        workspace.MapPost("/invitations", CreateInvitationAsync).RequireWorkspaceRole(WorkspaceRole.Owner).RequireRateLimiting(AccountsAuthentication.InviteMintingLimit);
        workspace.MapGet("/audit", ReadAuditAsync).RequireWorkspaceRole(WorkspaceRole.Owner);
    }

    internal static async Task<Ok<SetupStatus>> GetSetupAsync(OwnerSetup setup, CancellationToken cancellationToken) =>
        TypedResults.Ok(new SetupStatus(await setup.IsPendingAsync(cancellationToken)));

    internal static async Task<Results<Ok<Me>, ValidationProblem, ProblemHttpResult>> SetUpAsync(
        SetupRequest? request, OwnerSetup setup, SignInManager<Member> signIn, WorkspaceDirectory workspaces, CancellationToken cancellationToken)
    {
        var status = setup.Check(request?.SetupToken);
        if (status != TokenReadStatus.Valid)
        {
            return AccountProblems.Token(status, "set-up link");
        }
        if (ValidateNewAccount(request!.Email, request.DisplayName, request.Password) is { } invalid)
        {
            return invalid;
        }
        var result = await setup.ClaimAsync(request.Email!.Trim(), request.DisplayName!.Trim(), request.Password!, cancellationToken);
        if (result.Owner is not { } owner)
        {
            return result.Errors is { } errors
                ? IdentityProblem(errors)
                : AccountProblems.Create(StatusCodes.Status409Conflict, AccountProblems.AlreadySetUp, "Already set up",
                    "This server already has an owner. Ask them to invite you to their workspace.");
        }
        await signIn.SignInAsync(owner, isPersistent: true);
        return TypedResults.Ok(await MeAsync(owner, workspaces, cancellationToken));
    }

    internal static async Task<Results<Ok<Me>, ProblemHttpResult>> SignInAsync(
        SignInRequest? request, SignInManager<Member> signIn, WorkspaceDirectory workspaces, CancellationToken cancellationToken)
    {
        var (member, refused) = await CheckPasswordAsync(request, signIn);
        if (refused is not null)
        {
            return refused;
        }
        await signIn.SignInAsync(member!, isPersistent: true);
        return TypedResults.Ok(await MeAsync(member!, workspaces, cancellationToken));
    }

    /// <summary>A bearer token for scripts and the command line; Identity's bearer handler writes the answer.</summary>
    internal static async Task<Results<EmptyHttpResult, ProblemHttpResult>> IssueTokenAsync(SignInRequest? request, SignInManager<Member> signIn)
    {
        var (member, refused) = await CheckPasswordAsync(request, signIn);
        if (refused is not null)
        {
            return refused;
        }
        signIn.AuthenticationScheme = IdentityConstants.BearerScheme;
        await signIn.SignInAsync(member!, isPersistent: false);
        return TypedResults.Empty;
    }

    internal static async Task<NoContent> SignOutAsync(SignInManager<Member> signIn)
    {
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Ok<Me>, ProblemHttpResult>> GetMeAsync(HttpContext http, UserManager<Member> users, WorkspaceDirectory workspaces, CancellationToken cancellationToken) =>
        await users.GetUserAsync(http.User) is { } member
            ? TypedResults.Ok(await MeAsync(member, workspaces, cancellationToken))
            : AccountProblems.Create(StatusCodes.Status401Unauthorized, AccountProblems.SignInRequired, "Sign in required", "Your account no longer exists; sign in again.");

    internal static async Task<Results<Ok<InvitationPreview>, ProblemHttpResult>> PreviewInvitationAsync(
        TokenRequest? request, ProtectedTokens tokens, WorkspaceDirectory workspaces, CancellationToken cancellationToken)
    {
        var (invitation, problem) = await ReadInvitationAsync(request?.Token, tokens, workspaces, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var name = await workspaces.NameOfAsync(invitation!.WorkspaceId, cancellationToken) ?? "";
        return TypedResults.Ok(new InvitationPreview(name, invitation.Role, invitation.Email, invitation.ExpiresAt));
    }

    /// <summary>Joins the invitation's workspace: as the signed-in member, or with a new account made here.</summary>
    internal static async Task<Results<Ok<Me>, ValidationProblem, ProblemHttpResult>> AcceptInvitationAsync(
        AcceptInvitationRequest? request, HttpContext http, ProtectedTokens tokens, WorkspaceDirectory workspaces, UserManager<Member> users,
        SignInManager<Member> signIn, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        var (invitation, problem) = await ReadInvitationAsync(request?.Token, tokens, workspaces, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }
        var member = http.User.MemberId() is not null ? await users.GetUserAsync(http.User) : null;
        if (member is null)
        {
            if (ValidateNewAccount(request!.Email, request.DisplayName, request.Password) is { } invalid)
            {
                return invalid;
            }
            var email = request.Email!.Trim();
            if (invitation!.Email is { } invited && !string.Equals(invited, email, StringComparison.OrdinalIgnoreCase))
            {
                return AccountProblems.NotAllowed($"This invitation is for {invited}; sign up with that address.");
            }
            member = new Member { UserName = email, Email = email, DisplayName = request.DisplayName!.Trim(), CreatedAt = time.GetUtcNow() };
            var created = await users.CreateAsync(member, request.Password!);
            if (!created.Succeeded)
            {
                return IdentityProblem(created.Errors);
            }
        }
        else if (invitation!.Email is { } invited && !string.Equals(invited, member.Email, StringComparison.OrdinalIgnoreCase))
        {
            return AccountProblems.NotAllowed($"This invitation is for {invited}, and you are signed in as {member.Email}.");
        }
        if (!await workspaces.AcceptInvitationAsync(invitation.Id, member.Id, cancellationToken))
        {
            return InvitationUsed();
        }
        await audit.RecordAsync(invitation.WorkspaceId, new AuditActor(member.Id, member.DisplayName), "member.joined", member.Email ?? member.Id, $"as {Name(invitation.Role)}", cancellationToken);
        await signIn.SignInAsync(member, isPersistent: true);
        return TypedResults.Ok(await MeAsync(member, workspaces, cancellationToken));
    }

    internal static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ResetPasswordAsync(
        PasswordResetRequest? request, ProtectedTokens tokens, UserManager<Member> users, CancellationToken cancellationToken)
    {
        var read = tokens.Read<ResetClaims>(PasswordResetPurpose, request?.Token);
        if (read.Status != TokenReadStatus.Valid)
        {
            return AccountProblems.Token(read.Status, "password reset link");
        }
        if (string.IsNullOrEmpty(request!.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["password"] = ["Choose a new password."] });
        }
        var member = await users.FindByIdAsync(read.Claims!.MemberId);
        if (member is null)
        {
            return AccountProblems.Token(TokenReadStatus.Invalid, "password reset link");
        }
        var reset = await users.ResetPasswordAsync(member, read.Claims.IdentityToken, request.Password);
        if (!reset.Succeeded)
        {
            // Identity's own token is single-use (the security stamp changes): a second use reads as "invalid token".
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? AccountProblems.Create(StatusCodes.Status409Conflict, AccountProblems.InvitationUsed, "Link already used", "This password reset link was already used; ask your workspace owner for a new one.")
                : IdentityProblem(reset.Errors);
        }
        // A reset also ends a lockout: the owner vouched for the person.
        await users.SetLockoutEndDateAsync(member, null);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Created<MyWorkspace>, ProblemHttpResult>> CreateWorkspaceAsync(
        CreateWorkspaceRequest? request, HttpContext http, WorkspaceDirectory workspaces, AuditLog audit, CancellationToken cancellationToken)
    {
        var name = request?.Name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 120)
        {
            return AccountProblems.Invalid("Name the workspace (1 to 120 characters).");
        }
        if (HiddenCharacters.InName(name) is { } hidden)
        {
            return AccountProblems.Invalid($"The workspace name contains {hidden}.");
        }
        var workspace = await workspaces.CreateAsync(name, http.User.MemberId()!, cancellationToken);
        await audit.RecordAsync(workspace.Id, http.User.AuditActor(), "workspace.created", name, null, cancellationToken);
        return TypedResults.Created($"/api/workspaces/{workspace.Id}", workspace);
    }

    internal static async Task<Ok<List<WorkspaceStudy>>> ListStudiesAsync(string workspaceId, WorkspaceDirectory workspaces, IStudyStore studies, IStudyLifecycleStore lifecycle, CancellationToken cancellationToken)
    {
        var list = new List<WorkspaceStudy>();
        foreach (var id in await workspaces.StudyIdsAsync(workspaceId, cancellationToken))
        {
            if (await studies.GetAsync(id, cancellationToken) is { } study)
            {
                list.Add(new WorkspaceStudy(study.Id, study.Name, study.Goal, study.CreatedAt, await lifecycle.ArchivedAtAsync(study.Id, cancellationToken)));
            }
        }
        return TypedResults.Ok(list.OrderByDescending(s => s.CreatedAt).ToList());
    }

    internal static async Task<Ok<IReadOnlyList<WorkspaceMember>>> ListMembersAsync(string workspaceId, WorkspaceDirectory workspaces, CancellationToken cancellationToken) =>
        TypedResults.Ok(await workspaces.MembersAsync(workspaceId, cancellationToken));

    internal static async Task<Results<Ok<WorkspaceMember>, ProblemHttpResult>> ChangeRoleAsync(
        string workspaceId, string memberId, ChangeRoleRequest? request, HttpContext http, WorkspaceDirectory workspaces, AuditLog audit, CancellationToken cancellationToken)
    {
        if (request?.Role is not { } role || !Enum.IsDefined(role))
        {
            return AccountProblems.Invalid("Name the role: owner, researcher or viewer.");
        }
        if (await ChangeMembershipAsync(workspaceId, memberId, role, workspaces, cancellationToken) is { } refused)
        {
            return refused;
        }
        var member = (await workspaces.MembersAsync(workspaceId, cancellationToken)).First(m => m.Id == memberId);
        await audit.RecordAsync(workspaceId, http.User.AuditActor(), "member.role-changed", member.Email, $"now {Name(role)}", cancellationToken);
        return TypedResults.Ok(member);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> RemoveMemberAsync(
        string workspaceId, string memberId, HttpContext http, WorkspaceDirectory workspaces, UserManager<Member> users, AuditLog audit, CancellationToken cancellationToken)
    {
        var email = (await users.FindByIdAsync(memberId))?.Email ?? memberId;
        if (await ChangeMembershipAsync(workspaceId, memberId, null, workspaces, cancellationToken) is { } refused)
        {
            return refused;
        }
        await audit.RecordAsync(workspaceId, http.User.AuditActor(), "member.removed", email, null, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static async Task<Results<Created<PasswordResetLink>, ProblemHttpResult>> CreatePasswordResetAsync(
        string workspaceId, string memberId, HttpContext http, WorkspaceDirectory workspaces, UserManager<Member> users, ProtectedTokens tokens,
        IAppAddress address, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (await workspaces.RoleOfAsync(workspaceId, memberId, cancellationToken) is null || await users.FindByIdAsync(memberId) is not { } member)
        {
            return NotAMember();
        }
        var expiresAt = time.GetUtcNow() + PasswordResetLifetime;
        var token = tokens.Protect(PasswordResetPurpose, new ResetClaims(member.Id, await users.GeneratePasswordResetTokenAsync(member)), expiresAt);
        await audit.RecordAsync(workspaceId, http.User.AuditActor(), "member.password-reset", member.Email ?? member.Id, null, cancellationToken);
        var url = $"{address.BaseUrl(http.Request)}/reset#{token}";
        return TypedResults.Created(url, new PasswordResetLink(url, expiresAt));
    }

    internal static async Task<Results<Created<WorkspaceInvitation>, ProblemHttpResult>> CreateInvitationAsync(
        string workspaceId, CreateInvitationRequest? request, HttpContext http, WorkspaceDirectory workspaces, ProtectedTokens tokens,
        IAppAddress address, AuditLog audit, TimeProvider time, CancellationToken cancellationToken)
    {
        if (request?.Role is not { } role || !Enum.IsDefined(role))
        {
            return AccountProblems.Invalid("Name the role: owner, researcher or viewer.");
        }
        if (request.ExpiresInDays is < 1 or > 30)
        {
            return AccountProblems.Invalid("expiresInDays must be between 1 and 30.");
        }
        var email = string.IsNullOrWhiteSpace(request.Email) ? null : request.Email.Trim();
        if (email is not null && !IsEmail(email))
        {
            return AccountProblems.Invalid($"'{email}' is not an e-mail address.");
        }
        var expiresAt = time.GetUtcNow().AddDays(request.ExpiresInDays ?? 7);
        var row = await workspaces.AddInvitationAsync(workspaceId, role, email, http.User.MemberId()!, expiresAt, cancellationToken);
        var token = tokens.Protect(InvitationPurpose, new InvitationClaims(row.Id), expiresAt);
        var url = $"{address.BaseUrl(http.Request)}/welcome#{token}";
        await audit.RecordAsync(workspaceId, http.User.AuditActor(), "member.invited", email ?? "a link", $"as {Name(role)}", cancellationToken);
        return TypedResults.Created(url, new WorkspaceInvitation(row.Id, role, email, url, token, expiresAt));
    }

    internal static async Task<Ok<IReadOnlyList<AuditEntry>>> ReadAuditAsync(string workspaceId, AuditLog audit, CancellationToken cancellationToken) =>
        TypedResults.Ok(await audit.ReadAsync(workspaceId, cancellationToken));

    private static async Task<ProblemHttpResult?> ChangeMembershipAsync(string workspaceId, string memberId, WorkspaceRole? role, WorkspaceDirectory workspaces, CancellationToken cancellationToken) =>
        await workspaces.ChangeAsync(workspaceId, memberId, role, cancellationToken) switch
        {
            MembershipChange.NotAMember => NotAMember(),
            MembershipChange.LastOwner => AccountProblems.Create(StatusCodes.Status409Conflict, AccountProblems.LastOwner, "Last owner",
                "A workspace needs an owner: make someone else an owner first."),
            _ => null,
        };

    private static async Task<(Member? Member, ProblemHttpResult? Refused)> CheckPasswordAsync(SignInRequest? request, SignInManager<Member> signIn)
    {
        if (string.IsNullOrWhiteSpace(request?.Email) || string.IsNullOrEmpty(request.Password))
        {
            return (null, AccountProblems.Invalid("Give your e-mail address and password."));
        }
        var member = await signIn.UserManager.FindByEmailAsync(request.Email.Trim());
        var result = member is null ? SignInResult.Failed : await signIn.CheckPasswordSignInAsync(member, request.Password, lockoutOnFailure: true);
        if (result.IsLockedOut)
        {
            return (null, AccountProblems.Create(StatusCodes.Status423Locked, AccountProblems.LockedOut, "Locked out",
                "Too many wrong passwords: this account is locked for 15 minutes. A workspace owner can send you a password reset link."));
        }
        return result.Succeeded
            ? (member, null)
            : (null, AccountProblems.Create(StatusCodes.Status401Unauthorized, AccountProblems.SignInFailed, "Sign-in failed", "That e-mail address and password do not match an account."));
    }

    private static async Task<(InvitationRow? Invitation, ProblemHttpResult? Problem)> ReadInvitationAsync(
        string? token, ProtectedTokens tokens, WorkspaceDirectory workspaces, CancellationToken cancellationToken)
    {
        var read = tokens.Read<InvitationClaims>(InvitationPurpose, token);
        if (read.Status != TokenReadStatus.Valid)
        {
            return (null, AccountProblems.Token(read.Status, "invitation"));
        }
        var row = await workspaces.FindInvitationAsync(read.Claims!.InvitationId, cancellationToken);
        if (row is null)
        {
            return (null, AccountProblems.Token(TokenReadStatus.Invalid, "invitation"));
        }
        return row.AcceptedAt is null ? (row, null) : (null, InvitationUsed());
    }

    private static ValidationProblem? ValidateNewAccount(string? email, string? displayName, string? password)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(email) || !IsEmail(email.Trim()))
        {
            errors["email"] = ["Give an e-mail address, like ana@example.com."];
        }
        var name = displayName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 80)
        {
            errors["displayName"] = ["Give the name your team knows you by (1 to 80 characters)."];
        }
        else if (HiddenCharacters.InName(name) is { } hidden)
        {
            errors["displayName"] = [$"The name contains {hidden}."];
        }
        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = ["Choose a password of at least 10 characters."];
        }
        return errors.Count == 0 ? null : TypedResults.ValidationProblem(errors, detail: "Some fields need fixing; see errors.");
    }

    private static bool IsEmail(string text) => text.Length <= 254 && MailAddress.TryCreate(text, out var address) && address.Address == text;

    private static ProblemHttpResult IdentityProblem(IEnumerable<IdentityError> errors) =>
        AccountProblems.Invalid(string.Join(" ", errors.Select(e => e.Description)));

    private static ProblemHttpResult NotAMember() =>
        AccountProblems.Create(StatusCodes.Status404NotFound, "memberNotFound", "Member not found", "That person is not a member of this workspace.");

    private static ProblemHttpResult InvitationUsed() =>
        AccountProblems.Create(StatusCodes.Status409Conflict, AccountProblems.InvitationUsed, "Invitation already used",
            "This invitation was already used. If that was not you, ask the workspace owner for a new one.");

    internal static async Task<Me> MeAsync(Member member, WorkspaceDirectory workspaces, CancellationToken cancellationToken) =>
        new(member.Id, member.Email ?? "", member.DisplayName, await workspaces.OfMemberAsync(member.Id, cancellationToken));

    internal static string Name(WorkspaceRole role) => role.ToString().ToLowerInvariant();

    private sealed record InvitationClaims(string InvitationId);

    private sealed record ResetClaims(string MemberId, string IdentityToken);
}
